from django.urls import include, path

from motcua.portal import disclosure_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure-detail"),
    path("cong-khai/", disclosure_views.disclosure, name="disclosure"),
    path("xac-thuc/", include("motcua.portal.verification_urls")),
]
