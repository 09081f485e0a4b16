"""The one state change of the surveys app: a dossier's handling is rated (Art. 33)."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import structlog
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.audit.services import record_audit
from motcua.core.clock import now
from motcua.core.events import publish
from motcua.core.text import normalize
from motcua.dossiers.models import Dossier
from motcua.surveys.choices import OPTIONAL_CONTENTS, Answer, Content, RatingChannel
from motcua.surveys.errors import AlreadyRated, InvalidRating, NotYetRateable
from motcua.surveys.events import DossierRated
from motcua.surveys.models import COMMENT_MAX_LENGTH, Rating
from motcua.surveys.queries import is_rateable

log = structlog.get_logger(__name__)


def _clean_answers(answers: Mapping[str, Any]) -> dict[str, int | None]:
    unknown = set(answers) - set(Content.values)
    if unknown:
        raise InvalidRating(
            _("Unknown rating contents: %(names)s.") % {"names": ", ".join(sorted(unknown))},
            field="answers",
        )
    cleaned: dict[str, int | None] = {}
    for content in Content:
        value = answers.get(content.value)
        if value in (None, "") and content in OPTIONAL_CONTENTS:
            cleaned[content.value] = None
            continue
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            number = 0
        if number not in Answer.values:
            raise InvalidRating(
                _("Choose one of the five answers for “%(content)s”.") % {"content": content.label},
                field=content.value,
            )
        cleaned[content.value] = number
    return cleaned


def rate_dossier(
    *,
    dossier: Dossier,
    answers: Mapping[str, Any],
    channel: str,
    comment: str = "",
    applicant: Any = None,
    at: datetime | None = None,
) -> Rating:
    """Record the rating of a dossier's handling: one per dossier, once the result was
    returned or the dossier closed (Decree 118/2025 Art. 33).

    `answers` maps each `Content` value to a five-level `Answer` (the feedback and online
    contents may be empty). `applicant` is the signed-in user, if any.
    Raises InvalidRating, NotYetRateable, AlreadyRated; nothing is written then.
    """
    if channel not in RatingChannel.values:
        raise InvalidRating(_("Unknown channel of the rating."), field="channel")
    cleaned = _clean_answers(answers)
    text = normalize(comment or "")
    if len(text) > COMMENT_MAX_LENGTH:
        raise InvalidRating(
            _("The comment is too long: at most %(limit)d characters.")
            % {"limit": COMMENT_MAX_LENGTH},
            field="comment",
        )
    moment = at or now()
    actor = applicant if getattr(applicant, "pk", None) else None
    try:
        with transaction.atomic():
            # The dossier row is locked so that two ratings sent at once queue; the second
            # finds the first.
            locked = (
                Dossier.objects.select_for_update()
                .select_related("procedure_version__procedure")
                .get(pk=dossier.pk)
            )
            if not is_rateable(locked):
                raise NotYetRateable(
                    _("The dossier can be rated once its result is returned or it is closed.")
                )
            if Rating.objects.filter(dossier_id=locked.pk).exists():
                raise AlreadyRated(_("This dossier has already been rated. Thank you."))
            rating = Rating.objects.create(
                dossier=locked,
                agency_id=locked.agency_id,
                service_centre_id=locked.service_centre_id,
                procedure_code=locked.procedure_version.procedure.code,
                comment=text,
                channel=channel,
                rated_by=actor,
                rated_at=moment,
                **cleaned,
            )
            record_audit(
                actor=actor,
                action="dossier.rate",
                target=rating,
                after={"dossier": locked.code, "channel": channel, **cleaned},
            )
            publish(
                DossierRated(
                    rating_id=rating.pk,
                    dossier_id=locked.pk,
                    code=locked.code,
                    agency_id=locked.agency_id,
                    channel=channel,
                    answers=cleaned,
                    at=moment,
                )
            )
    except IntegrityError:  # a concurrent rating won the unique dossier row
        raise AlreadyRated(_("This dossier has already been rated. Thank you.")) from None
    log.info("dossier.rated", code=locked.code, channel=channel)
    return rating
