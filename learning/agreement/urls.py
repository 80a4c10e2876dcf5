from django.urls import path

from learning.agreement import views

urlpatterns = [
    path("overeenstemming/", views.round_list, name="agreement"),
    path("overeenstemming/nieuw/", views.round_create, name="agreement_create"),
    path("overeenstemming/<int:pk>/", views.round_detail, name="agreement_round"),
    path("overeenstemming/<int:pk>/signaal/<int:position>/", views.round_tag, name="agreement_tag"),
    path("overeenstemming/<int:pk>/inleveren/", views.round_finish, name="agreement_finish"),
    path("overeenstemming/<int:pk>/sluiten/", views.round_close, name="agreement_close"),
    path("overeenstemming/<int:pk>/uitkomst/", views.round_results, name="agreement_results"),
]
