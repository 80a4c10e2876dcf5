from django.urls import path

from learning.suggestions import views

urlpatterns = [
    path("voorstellen/", views.evaluation_page, name="suggestions"),
    path("voorstellen/thema/", views.suggest, name="suggestions_suggest"),
    path("voorstellen/trainen/", views.train, name="suggestions_train"),
    path("voorstellen/training/", views.training_progress, name="suggestions_training"),
]
