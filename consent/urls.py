from django.urls import path

from consent import views

app_name = "consent"

urlpatterns = [
    path("", views.contact_list, name="contacts"),
    path("nieuw/", views.contact_create, name="contact_create"),
    path("contact/<uuid:reference>/", views.contact_detail, name="contact"),
    path("contact/<uuid:reference>/toestemmingen/", views.contact_consents, name="consents"),
    path("contact/<uuid:reference>/toestemming-toevoegen/", views.consent_create, name="consent_create"),
    path("contact/<uuid:reference>/wissen/", views.contact_erase, name="contact_erase"),
    path("contact/<uuid:reference>/signaal-koppelen/", views.signal_link, name="signal_link"),
    path("bewijs/<uuid:receipt_id>/", views.consent_receipt_page, name="receipt"),
    path("bewijs/<uuid:receipt_id>/json/", views.consent_receipt_json, name="receipt_json"),
    path("bewijs/<uuid:receipt_id>/intrekken/", views.consent_withdraw, name="withdraw"),
    path("doelen/", views.purpose_list, name="purposes"),
    path("doelen/nieuw/", views.purpose_create, name="purpose_create"),
    path("doelen/<int:pk>/bewerken/", views.purpose_edit, name="purpose_edit"),
    path("inzage/", views.access_log, name="access_log"),
    path("register/", views.register, name="register"),
]
