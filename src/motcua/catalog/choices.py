"""Values of the catalog's fields, spelled as in the exchange format `motcua.catalog/1`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    """How a statutory processing time is counted (the deadline engine uses the same strings)."""

    WORKING_HOURS = "working_hours", _("working hours")
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    MONTHS = "months", _("months")


class Channel(models.TextChoices):
    """How a dossier reaches the one-stop (Decree 118/2025 Art. 15)."""

    COUNTER = "counter", _("In person at a one-stop counter")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("By public postal service")


class OnlineLevel(models.TextChoices):
    """Online service level; Decree 42/2022 terms, kept as data because the decree may change."""

    NONE = "none", _("Not online")
    PARTIAL = "partial", _("Partly online")
    FULL = "full", _("Fully online")


ONLINE_LEVEL_RANK = {OnlineLevel.NONE: 0, OnlineLevel.PARTIAL: 1, OnlineLevel.FULL: 2}


class SupplementPolicy(models.TextChoices):
    """What the clock does once a requested supplement arrives (Decree 118/2025 Art. 19.5)."""

    RESTART = "restart", _("Restart from zero")
    PAUSE = "pause", _("Pause and resume")


class Subject(models.TextChoices):
    """Who may apply."""

    CITIZEN = "citizen", _("Citizens")
    BUSINESS = "business", _("Businesses")
    ORGANIZATION = "organization", _("Organisations")


class FeeKind(models.TextChoices):
    FEE = "fee", _("Fee")
    CHARGE = "charge", _("Charge")


class PublishedPart(models.TextChoices):
    """The seven parts every published procedure must show (Decision 766/QĐ-TTg, indicator 1.3)."""

    STEPS = "steps", _("Steps")
    CHANNELS = "channels", _("Channels")
    DOSSIER_COMPOSITION = "dossier_composition", _("Dossier composition")
    PROCESSING_TIME = "processing_time", _("Processing time")
    SUBJECTS = "subjects", _("Who may apply")
    IMPLEMENTING_AGENCIES = "implementing_agencies", _("Implementing agencies")
    RESULT = "result", _("Result")
