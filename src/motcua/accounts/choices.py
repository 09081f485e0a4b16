from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone (SMS)")


class VerificationPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    CONTACT_CHANGE = "contact_change", _("Change of contact details")


class RepresentedKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
