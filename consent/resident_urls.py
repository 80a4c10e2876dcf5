from django.urls import path

from consent import resident_views as views

app_name = "resident"

urlpatterns = [
    path("", views.request_link, name="request"),
    path("privacyverklaring/", views.privacy_statement, name="privacy"),
    path("overzicht/", views.overview, name="overview"),
    path("intrekken/<uuid:receipt_id>/", views.withdraw, name="withdraw"),
    path("wissen/", views.erase, name="erase"),
    path("download/", views.download, name="download"),
    path("link/<str:token>/", views.open_link, name="open"),
]
