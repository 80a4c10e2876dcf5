from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from config import help as guide
from monitoring.views.dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("signalen/", include("signals.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("toestemming/", include("consent.urls")),
    path("mijn-gegevens/", include("consent.resident_urls")),
    path("leren/", include("learning.urls")),
    path("beheer/", admin.site.urls),
    path("hulp/", include((guide.urlpatterns, "help"))),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
