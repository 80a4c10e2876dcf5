from django.urls import path

from signals import views

app_name = "signals"

urlpatterns = [
    path("", views.signal_list, name="list"),
    path("nieuw/", views.signal_create, name="create"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/bewerken/", views.signal_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.signal_delete, name="delete"),
    path("afgewezen-meldingen/", views.dismissal_list, name="dismissals"),
    path("afgewezen-meldingen/<int:pk>/heropenen/", views.dismissal_reopen, name="dismissal_reopen"),
    path("themas/", views.theme_list, name="themes"),
    path("themas/nieuw/", views.theme_create, name="theme_create"),
    path("themas/<int:pk>/bewerken/", views.theme_edit, name="theme_edit"),
    path("themas/<int:pk>/aan-uit/", views.theme_toggle, name="theme_toggle"),
]
