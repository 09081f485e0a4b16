from django.urls import path

from motcua.integrations.identity import views

app_name = "identity"
urlpatterns = [
    path("<slug:provider>/", views.start, name="start"),
    path("<slug:provider>/callback/", views.callback, name="callback"),
]
