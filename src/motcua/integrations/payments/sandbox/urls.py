from django.urls import path

from motcua.integrations.payments.sandbox import views

app_name = "sandbox-pay"
urlpatterns = [
    path("pay/", views.pay, name="pay"),
    path("api/query/", views.query, name="query"),
]
