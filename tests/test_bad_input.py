"""No page answers bad GET parameters with an error page: each gets junk and still shows (200),
or refuses in the usual way (302/403/404), never 500."""

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory, SignalFactory

pytestmark = pytest.mark.django_db

JUNK = ["", "x", "-1", "0", "99999999999999999999", "<script>", "'; DROP TABLE x;--", "ë" * 300, "2024-13-45", "%00"]
PARAMS = [
    "periode", "gebied", "oordeel", "sorteer", "gegevens", "rijen", "kolommen", "maat", "thema", "wijk", "van",
    "tot", "kanaal", "soort", "indicator", "categorie", "pagina", "status", "q", "source", "theme", "unit",
    "polarity", "areas", "category", "kind", "user", "date_from", "date_to", "district", "inquiry", "soort",
    "verdiepingsvraag",
]  # fmt: skip
PAGES = [
    "home",
    "signals:list",
    "signals:create",
    "monitoring:indicators",
    "monitoring:sources",
    "monitoring:imports",
    "monitoring:comparison",
    "monitoring:tables",
    "monitoring:saved_tables",
    "monitoring:data_requests",
    "monitoring:data_request_create",
    "monitoring:inquiries",
    "monitoring:inquiry_create",
    "monitoring:link_requests",
    "monitoring:link_request_create",
    "monitoring:upload",
    "monitoring:upload_template",
    "signals:dismissals",
    "learning:index",
    "learning:suggestions",
    "learning:topics",
    "learning:agreement",
    "learning:agreement_create",
    "learning:qda",
]


@pytest.fixture
def data(delft):
    SignalFactory()
    IndicatorFactory(code="eenzaam", name="Eenzaam")


@pytest.mark.parametrize("junk", JUNK)
def test_junk_parameters_never_give_a_server_error(coordinator_client, data, junk):
    urls = [reverse(name) for name in PAGES] + [
        reverse("monitoring:indicator", args=["eenzaam"]),
        reverse("monitoring:table_export", args=["csv"]),
        reverse("monitoring:table_export", args=["xlsx"]),
    ]
    query = {name: junk for name in PARAMS}
    for url in urls:
        response = coordinator_client.get(url, query, follow=True)  # the signal list renames old parameters
        assert response.status_code in (200, 302, 403, 404), (url, junk, response.status_code)


POSTS = {
    "monitoring:link_request_create": ["sources", "users", "purpose", "benefit", "valid_until"],
    "monitoring:data_request_create": ["theme", "area", "period", "verdict", "which_data", "why", "level"],
    "monitoring:inquiry_create": ["question", "theme", "area"],
    "monitoring:table_save": ["name", "query"],
    "signals:create": ["conversation_date", "district", "channel", "kind", "residents", "summary", "themes"],
}


@pytest.mark.parametrize("junk", ["99999999999999999999", "-1", "<b>", "ë" * 3000, ""])
def test_junk_in_forms_gets_a_message_not_a_server_error(coordinator_client, data, junk):
    for name, fields in POSTS.items():
        response = coordinator_client.post(reverse(name), {field: [junk, junk] for field in fields})
        assert response.status_code in (200, 302, 403), (name, junk[:20], response.status_code)
