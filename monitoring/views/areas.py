"""The area codes a file may use, with their names: a page and a CSV.

Open to everyone who may read figures (monitoring.view_area), not only to uploaders: the codes and
names are CBS's public list, and members meet the codes in tables and exports too.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.spreadsheets import spreadsheet_safe
from monitoring.services.areas import areas_listed


@permission_required("monitoring.view_area", raise_exception=True)
def area_list(request: HttpRequest) -> HttpResponse:
    areas = areas_listed(municipality_code=settings.MUNICIPALITY_CODE)
    return render(request, "monitoring/area_list.html", {"areas": areas})


@permission_required("monitoring.view_area", raise_exception=True)
def area_list_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("code"), _("naam"), _("niveau"), _("ligt in")])
    for area in areas_listed(municipality_code=settings.MUNICIPALITY_CODE):
        parent = area.parent.name if area.parent else ""
        writer.writerow([area.code, spreadsheet_safe(area.name), area.get_level_display(), spreadsheet_safe(parent)])
    # With a byte order mark, Excel reads the file as UTF-8 (ë in a name).
    response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meedoen-gebiedscodes.csv"'
    return response
