from django.urls import path

from motcua.backoffice.views import dossier_page, indicators, intake, queues

app_name = "backoffice"
urlpatterns = [
    path("", queues.home, name="home"),
    path("ho-so/", queues.dossier_list, name="dossiers"),
    path("tiep-nhan/", intake.intake, name="intake"),
    path("tiep-nhan/phieu-bo-sung.pdf", intake.supplement_slip, name="supplement-slip"),
    path("chi-so/", indicators.dashboard, name="indicators"),
    path("chi-so/bieu-ii06a/", indicators.form_ii06a, name="form-ii06a"),
    path("chi-so/bieu-ii06a.xlsx", indicators.form_ii06a_xlsx, name="form-ii06a-xlsx"),
    path("chi-so/bieu-ii06a.pdf", indicators.form_ii06a_pdf, name="form-ii06a-pdf"),
    path("ho-so/<str:code>/", dossier_page.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/bieu-mau/<slug:form>.pdf", dossier_page.form_pdf, name="form-pdf"),
    path("ho-so/<str:code>/<slug:act>/", dossier_page.act, name="act"),
]
