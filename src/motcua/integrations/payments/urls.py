from django.urls import path

from motcua.integrations.payments import views

app_name = "payments"
urlpatterns = [
    path("", views.order_list, name="orders"),
    path("ket-qua/<slug:gateway>/", views.gateway_return, name="return"),
    path("thong-bao/<slug:gateway>/", views.gateway_callback, name="callback"),
    path("<str:reference>/", views.order_detail, name="order"),
    path("<str:reference>/pay/", views.pay, name="pay"),
]
