from django.urls import path

from learning import views
from learning.agreement.urls import urlpatterns as agreement
from learning.qda.urls import urlpatterns as qda
from learning.suggestions.urls import urlpatterns as suggestions
from learning.topics.urls import urlpatterns as topics

app_name = "learning"

urlpatterns = [path("", views.index, name="index"), *suggestions, *topics, *agreement, *qda]
