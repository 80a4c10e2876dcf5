from django.urls import path

from learning.topics import views

urlpatterns = [
    path("onderwerpen/", views.topics, name="topics"),
    path("onderwerpen/<int:pk>/", views.topics_run, name="topics_run"),
    path("onderwerpen/<int:pk>/voortgang/", views.topics_progress, name="topics_progress"),
    path("onderwerpen/<int:pk>/onderwerp/<int:topic>/thema/", views.topics_theme, name="topics_theme"),
]
