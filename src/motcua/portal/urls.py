from django.urls import include, path

from motcua.portal import (
    application_views,
    disclosure_views,
    kiosk_views,
    lookup_views,
    my_dossier_views,
    rating_views,
    result_views,
    views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("thu-tuc/", views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure-detail"),
    path("cong-khai/", disclosure_views.disclosure, name="disclosure"),
    path("xac-thuc/", include("motcua.portal.verification_urls")),
    path(
        "ho-so-cua-toi/<str:code>/ket-qua.pdf",
        result_views.dossier_result,
        name="dossier-result",
    ),
]

# Public lookup, ratings (Art. 33) and the kiosk.
urlpatterns += [
    path("tra-cuu/", lookup_views.lookup, name="lookup"),
    path("tra-cuu/<str:code>", lookup_views.lookup_from_receipt, name="lookup-receipt"),
    path("danh-gia/ho-so/<str:code>/", rating_views.rate_own_dossier, name="rate-own-dossier"),
    path("danh-gia/<str:token>/", rating_views.rate_by_link, name="rate-by-link"),
    path("kiosk/", kiosk_views.home, name="kiosk-home"),
    path("kiosk/tra-cuu/", kiosk_views.lookup, name="kiosk-lookup"),
    path("kiosk/danh-gia/<str:code>/", kiosk_views.rate, name="kiosk-rate"),
    path("kiosk/thu-tuc/", kiosk_views.procedure_list, name="kiosk-procedure-list"),
    path("kiosk/thu-tuc/<str:code>/", kiosk_views.procedure_detail, name="kiosk-procedure-detail"),
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
