from django.urls import path

from motcua.integrations.identity.dev_provider import views

app_name = "dev-oidc"
urlpatterns = [
    path(".well-known/openid-configuration", views.discovery, name="discovery"),
    path("authorize/", views.authorize, name="authorize"),
    path("token/", views.token, name="token"),
    path("jwks/", views.jwks, name="jwks"),
]
