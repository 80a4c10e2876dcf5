from django.urls import path

from monitoring.views import areas, catalogue, comparison, followups, linking, tables, uploads

app_name = "monitoring"

urlpatterns = [
    path("", catalogue.indicator_list, name="indicators"),
    path("bronnen/", catalogue.source_list, name="sources"),
    path("indicatoren/<slug:code>/", catalogue.indicator_detail, name="indicator"),
    path("imports/", catalogue.import_list, name="imports"),
    path("imports/<int:pk>/", catalogue.import_detail, name="import_detail"),
    path("uploaden/", uploads.upload_create, name="upload"),
    path("uploaden/sjabloon.csv", uploads.upload_template, name="upload_template"),
    path("uploaden/sjabloon.xlsx", uploads.upload_template, {"fmt": "xlsx"}, name="upload_template_xlsx"),
    path("gebieden/", areas.area_list, name="areas"),
    path("gebieden/gebiedscodes.csv", areas.area_list_csv, name="areas_csv"),
    path("uploaden/<int:pk>/", uploads.upload_detail, name="upload_detail"),
    path("uploaden/<int:pk>/voortgang/", uploads.upload_progress, name="upload_progress"),
    path("uploaden/<int:pk>/koppelen/", uploads.upload_mapping, name="upload_mapping"),
    path("uploaden/<int:pk>/importeren/", uploads.upload_confirm, name="upload_confirm"),
    path("uploaden/<int:pk>/annuleren/", uploads.upload_cancel, name="upload_cancel"),
    path("vergelijking/", comparison.comparison_page, name="comparison"),
    path("tabellen/", tables.table_builder, name="tables"),
    path("tabellen/export.<str:fmt>", tables.table_export, name="table_export"),
    path("tabellen/bewaren/", tables.table_save, name="table_save"),
    path("tabellen/bewaard/", tables.saved_table_list, name="saved_tables"),
    path("tabellen/bewaard/<int:pk>/", tables.saved_table_detail, name="saved_table"),
    path("tabellen/bescherming/", tables.disclosure_explained, name="disclosure"),
    path("datavragen/", followups.data_request_list, name="data_requests"),
    path("datavragen/nieuw/", followups.data_request_create, name="data_request_create"),
    path("datavragen/<int:pk>/", followups.data_request_detail, name="data_request"),
    path("datavragen/<int:pk>/status/", followups.data_request_status, name="data_request_status"),
    path("verdiepingsvragen/", followups.inquiry_list, name="inquiries"),
    path("verdiepingsvragen/nieuw/", followups.inquiry_create, name="inquiry_create"),
    path("verdiepingsvragen/<int:pk>/", followups.inquiry_detail, name="inquiry"),
    path("verdiepingsvragen/<int:pk>/sluiten/", followups.inquiry_toggle, name="inquiry_toggle"),
    path("koppelverzoeken/", linking.link_request_list, name="link_requests"),
    path("koppelverzoeken/nieuw/", linking.link_request_create, name="link_request_create"),
    path("koppelverzoeken/<int:pk>/", linking.link_request_detail, name="link_request"),
    path("koppelverzoeken/<int:pk>/besluit/", linking.link_request_decide, name="link_request_decide"),
]
