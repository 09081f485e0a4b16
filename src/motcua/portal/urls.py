from django.urls import include, path

from motcua.portal import application_views, my_dossier_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure-detail"),
    path("xac-thuc/", include("motcua.portal.verification_urls")),
]

# Online application and the applicant's own dossiers.
urlpatterns += [
    path(
        "nop-truc-tuyen/ho-so-nhap/<str:public_id>/",
        application_views.draft_page,
        name="application-draft",
    ),
    path(
        "nop-truc-tuyen/ho-so-nhap/<str:public_id>/luu/",
        application_views.autosave,
        name="application-autosave",
    ),
    path(
        "nop-truc-tuyen/ho-so-nhap/<str:public_id>/thanh-toan/",
        application_views.pay,
        name="application-pay",
    ),
    path(
        "nop-truc-tuyen/thanh-toan/ket-qua/<slug:gateway>/",
        application_views.payment_return,
        name="application-payment-return",
    ),
    path(
        "nop-truc-tuyen/da-nop/<str:code>/",
        application_views.submitted,
        name="application-submitted",
    ),
    path("nop-truc-tuyen/<str:code>/", application_views.start, name="application-start"),
    path("ho-so-cua-toi/", my_dossier_views.dossier_list, name="my-dossiers"),
    path("ho-so-cua-toi/<str:code>/", my_dossier_views.dossier_detail, name="my-dossier"),
    path(
        "ho-so-cua-toi/<str:code>/bo-sung/",
        my_dossier_views.supplement,
        name="my-dossier-supplement",
    ),
    path("ho-so-cua-toi/<str:code>/rut/", my_dossier_views.withdraw, name="my-dossier-withdraw"),
    path("ho-so-cua-toi/<str:code>/thanh-toan/", my_dossier_views.pay, name="my-dossier-pay"),
]
