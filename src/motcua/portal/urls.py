from django.urls import include, path

from motcua.portal import result_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure-detail"),
    path("xac-thuc/", include("motcua.portal.verification_urls")),
    path(
        "ho-so-cua-toi/<str:code>/ket-qua.pdf",
        result_views.dossier_result,
        name="dossier-result",
    ),
]
