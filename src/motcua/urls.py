from django.contrib import admin
from django.urls import include, path

from motcua.accounts.urls import applicant_urlpatterns
from motcua.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("motcua.accounts.urls")),
    path("tai-khoan/", include((applicant_urlpatterns, "applicant"))),
    path("tai-khoan/dinh-danh/", include("motcua.integrations.identity.urls")),
    path("dev-oidc/", include("motcua.integrations.identity.dev_provider.urls")),
    path("thanh-toan/", include("motcua.integrations.payments.urls")),
    path("sandbox-pay/", include("motcua.integrations.payments.sandbox.urls")),
    path("backoffice/", include("motcua.backoffice.urls")),
    path("", include("motcua.portal.urls")),
]
