from django.urls import path

from motcua.backoffice.views import dossier_page, intake, queues, work

app_name = "backoffice"
urlpatterns = [
    path("", queues.home, name="home"),
    path("ho-so/", queues.dossier_list, name="dossiers"),
    path("tiep-nhan/", intake.intake, name="intake"),
    path("tiep-nhan/phieu-bo-sung.pdf", intake.supplement_slip, name="supplement-slip"),
    path("ho-so/chuyen-nhieu/", work.bulk_hand_over, name="bulk-hand-over"),
    path("so-theo-doi/", work.register, name="register"),
    path("ho-so/<str:code>/", dossier_page.dossier_detail, name="dossier"),
    path(
        "ho-so/<str:code>/tai-lieu/<int:document_id>/",
        dossier_page.document_file,
        name="document",
    ),
    path("ho-so/<str:code>/bieu-mau/<slug:form>.pdf", dossier_page.form_pdf, name="form-pdf"),
    path("ho-so/<str:code>/<slug:act>/", dossier_page.act, name="act"),
]
