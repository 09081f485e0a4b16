"""The five-level answers and the seven contents of a rating (Decree 118/2025 Art. 33)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.IntegerChoices):
    """Five levels, from very satisfied (5) down to very dissatisfied (1)."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


# Satisfied or very satisfied: the share the satisfaction indicators count (SIPAS, 766 §5.4).
SATISFIED_ANSWERS = (Answer.VERY_SATISFIED, Answer.SATISFIED)


class RatingChannel(models.TextChoices):
    """Where the rating was given."""

    PORTAL = "portal", _("Portal (my dossiers)")
    NOTIFICATION_LINK = "notification_link", _("Link in the notification")
    KIOSK = "kiosk", _("Kiosk at the service centre")


class Content(models.TextChoices):
    """Decree 118/2025 Art. 33: what a per-dossier rating asks about, in the order of the law.

    The value is the `Rating` field that holds the answer.
    """

    PROCESSING_TIME = "processing_time", _("Time taken compared with the regulation")
    AGENCIES_CONTACTED = (
        "agencies_contacted",
        _("Number of agencies and times you had to contact"),
    )
    PUBLISHED_INFORMATION = (
        "published_information",
        _("Accuracy of the published information on the procedure"),
    )
    STAFF_ATTITUDE = "staff_attitude", _("Attitude and conduct of the officers")
    RESULT_LAWFULNESS = (
        "result_lawfulness",
        _("Lawfulness of the result and of the fees and charges"),
    )
    FEEDBACK_HANDLING = (
        "feedback_handling",
        _("Handling of your feedback and petitions"),
    )
    ONLINE_SERVICE = "online_service", _("Quality of the online public service")


# Contents a person may leave unanswered when they did not apply (no feedback was given, the
# dossier was not lodged online).
OPTIONAL_CONTENTS = frozenset({Content.FEEDBACK_HANDLING, Content.ONLINE_SERVICE})
