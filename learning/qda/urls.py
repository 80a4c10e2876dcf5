"""The exchange with qualitative-analysis tools, under /leren/qda/."""

from django.urls import path

from learning.qda import views

urlpatterns = [
    path("qda/", views.qda, name="qda"),
    path("qda/project.qdpx", views.qda_project, name="qda_project"),
    path("qda/codeboek.qdc", views.qda_codebook, name="qda_codebook"),
    path("qda/codeboek/inlezen/", views.qda_import, name="qda_import"),
    path("qda/codeboek/controleren/", views.qda_preview, name="qda_preview"),
    path("qda/codeboek/bevestigen/", views.qda_confirm, name="qda_confirm"),
    path("qda/codeboek/annuleren/", views.qda_cancel, name="qda_cancel"),
]
