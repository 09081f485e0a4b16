"""Ratings of how a dossier was handled (Decree 118/2025 Art. 33).

One `Rating` per dossier, given after the result was returned or the dossier closed: an answer
of five levels for each of the seven contents of Art. 33 (`choices.Content`; the feedback and
online-service contents may stay empty when they did not apply), an optional comment and the
channel it came from. The competent agency and the receiving centre are copied from the
dossier so that satisfaction is counted per agency and period without joining dossiers.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.surveys.choices import Answer, RatingChannel

COMMENT_MAX_LENGTH = 1000


def _answer(label: Any, *, optional: bool = False) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, choices=Answer, null=optional, blank=optional)


class Rating(models.Model):
    """The applicant's rating of one dossier's handling; never changed once given."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="rating",
        verbose_name=_("dossier"),
    )
    # Indexed by `rating_agency_period` below.
    agency = models.ForeignKey(
        "organizations.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("competent agency"),
    )
    service_centre = models.ForeignKey(
        "organizations.ServiceCentre",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receiving service centre"),
    )
    procedure_code = models.CharField(_("procedure code"), max_length=32)
    processing_time = _answer(_("time taken compared with the regulation"))
    agencies_contacted = _answer(_("number of agencies and contacts"))
    published_information = _answer(_("accuracy of the published information"))
    staff_attitude = _answer(_("attitude of the officers"))
    result_lawfulness = _answer(_("lawfulness of the result and the costs"))
    feedback_handling = _answer(_("handling of feedback"), optional=True)
    online_service = _answer(_("quality of the online service"), optional=True)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    channel = models.CharField(_("channel of the rating"), max_length=24, choices=RatingChannel)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        verbose_name=_("rated by"),
    )
    rated_at = models.DateTimeField(_("rated at"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "rated_at"], name="rating_agency_period"),
            models.Index(fields=["rated_at"], name="rating_period"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} · {self.rated_at:%Y-%m-%d}"
