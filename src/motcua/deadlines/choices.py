from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """Values match `engine.DayKind`."""

    OFF = "off", _("Day off")
    WORK = "work", _("Make-up working day")
