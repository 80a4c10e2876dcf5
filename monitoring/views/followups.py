"""Work in progress: another engineer is building this module now."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("not built yet")


data_request_list = _todo
data_request_create = _todo
data_request_detail = _todo
data_request_status = _todo
inquiry_list = _todo
inquiry_create = _todo
inquiry_detail = _todo
inquiry_toggle = _todo
