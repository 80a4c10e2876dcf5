from django.urls import path

from monitoring.views import catalogue, uploads

app_name = "monitoring"

urlpatterns = [
    path("", catalogue.indicator_list, name="indicators"),
    path("bronnen/", catalogue.source_list, name="sources"),
    path("indicatoren/<slug:code>/", catalogue.indicator_detail, name="indicator"),
    path("imports/", catalogue.import_list, name="imports"),
    path("imports/<int:pk>/", catalogue.import_detail, name="import_detail"),
    path("uploaden/", uploads.upload_create, name="upload"),
    path("uploaden/sjabloon.csv", uploads.upload_template, name="upload_template"),
    path("uploaden/<int:pk>/", uploads.upload_detail, name="upload_detail"),
    path("uploaden/<int:pk>/voortgang/", uploads.upload_progress, name="upload_progress"),
    path("uploaden/<int:pk>/koppelen/", uploads.upload_mapping, name="upload_mapping"),
    path("uploaden/<int:pk>/importeren/", uploads.upload_confirm, name="upload_confirm"),
    path("uploaden/<int:pk>/annuleren/", uploads.upload_cancel, name="upload_cancel"),
]
