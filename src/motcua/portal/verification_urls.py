"""Public verification of signed results: /xac-thuc/ (upload) and /xac-thuc/<code>/ (QR target)."""

from django.urls import path

from motcua.portal import verification_views

urlpatterns = [
    path("", verification_views.verify_upload, name="verification"),
    path("<str:code>/", verification_views.verification_result, name="verification-result"),
]
