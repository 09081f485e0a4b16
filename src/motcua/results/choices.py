from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialPurpose(models.TextChoices):
    """What a signing key is for."""

    PERSONAL = "personal", _("Personal signature of an officer or leader")
    SEAL = "seal", _("Seal of an organisation")
    TIMESTAMPING = "timestamping", _("Local time-stamping authority")
    TEST_AUTHORITY = "test_authority", _("Test certificate authority (demonstration only)")


class KeyFormat(models.TextChoices):
    """How a key held on the server is packed; one signing provider reads each format."""

    PKCS12 = "pkcs12", _("PKCS#12 file (.p12, .pfx)")
    PEM = "pem", _("PEM private key with its certificates")


class DraftSource(models.TextChoices):
    TEMPLATE = "template", _("Drafted from a result template")
    UPLOAD = "upload", _("Uploaded PDF")


class DraftStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    REVIEWED = "reviewed", _("Reviewed")
    SIGNED = "signed", _("Signed")
