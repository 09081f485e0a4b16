from django.urls import path

from motcua.backoffice.views import (
    dossier_page,
    indicators,
    intake,
    lateness,
    queues,
    results,
    work,
)

app_name = "backoffice"
urlpatterns = [
    path("", queues.home, name="home"),
    path("ho-so/", queues.dossier_list, name="dossiers"),
    path("tiep-nhan/", intake.intake, name="intake"),
    path("tiep-nhan/phieu-bo-sung.pdf", intake.supplement_slip, name="supplement-slip"),
    path("ho-so/chuyen-nhieu/", work.bulk_hand_over, name="bulk-hand-over"),
    path("so-theo-doi/", work.register, name="register"),
    path("chi-so/", indicators.dashboard, name="indicators"),
    path("chi-so/bieu-ii06a/", indicators.form_ii06a, name="form-ii06a"),
    path("chi-so/bieu-ii06a.xlsx", indicators.form_ii06a_xlsx, name="form-ii06a-xlsx"),
    path("chi-so/bieu-ii06a.pdf", indicators.form_ii06a_pdf, name="form-ii06a-pdf"),
    path("chi-so/tre-han/", lateness.step_lateness, name="step-lateness"),
    path("ho-so/<str:code>/", dossier_page.dossier_detail, name="dossier"),
    path(
        "ho-so/<str:code>/tai-lieu/<int:document_id>/",
        dossier_page.document_file,
        name="document",
    ),
    path("ho-so/<str:code>/bieu-mau/<slug:form>.pdf", dossier_page.form_pdf, name="form-pdf"),
    path("ho-so/<str:code>/ket-qua.pdf", results.result_pdf, name="dossier-result"),
    path("ho-so/<str:code>/ket-qua/du-thao/", results.draft_result, name="result-draft"),
    path("ho-so/<str:code>/ket-qua/tai-len/", results.upload_result, name="result-upload"),
    path("ho-so/<str:code>/ket-qua/<int:draft>.pdf", results.draft_pdf, name="result-draft-pdf"),
    path(
        "ho-so/<str:code>/ket-qua/<int:draft>/kiem-tra/",
        results.review_draft,
        name="result-review",
    ),
    path("ho-so/<str:code>/ket-qua/<int:draft>/ky/", results.sign_result, name="result-sign"),
    path("ho-so/<str:code>/ky-ban-quet/", results.sign_scans, name="sign-scans"),
    path("ho-so/<str:code>/<slug:act>/", dossier_page.act, name="act"),
]
