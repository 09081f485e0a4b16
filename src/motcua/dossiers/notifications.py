"""E-mail on dossier events: the applicant on every status change, intake staff on arrival.

Subscribed in `DossiersConfig.ready()`; runs after the act's transaction commits (core.events).
A failed delivery is logged by the event bus and never undoes the act. No personal data is
logged here: only the dossier code.
"""

from typing import Any

import structlog
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from motcua.core.clock import format_moment
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.events import DossierActed, DossierSubmitted
from motcua.dossiers.models import Dossier
from motcua.dossiers.rating_links import rating_url
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment

log = structlog.get_logger(__name__)


def lookup_url(code: str, secret: str = "") -> str:
    """The public address where whoever holds the receipt follows the dossier (QR of form 01):
    the code and its lookup secret."""
    base = f"{settings.PUBLIC_BASE_URL.rstrip('/')}/tra-cuu/{code}"
    return f"{base}?s={secret}" if secret else base


def notify_applicant(event: DossierActed) -> None:
    """Tell the applicant the new status, when the status changed and an e-mail is known."""
    if not event.status_changed or not event.applicant_reachable:
        return
    dossier = (
        Dossier.objects.select_related("procedure_version")
        .only(
            "code",
            "lookup_secret",
            "status",
            "revision",
            "applicant_name",
            "applicant_email",
            "due_at",
            "procedure_version__name",
        )
        .filter(pk=event.dossier_id)
        .first()
    )
    if dossier is None or not dossier.applicant_email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, Any] = {
            "dossier": dossier,
            "status": DossierStatus(event.status).label,
            "national_status_code": event.national_status_code,
            "at": format_moment(event.at),
            "due_at": format_moment(dossier.due_at) if dossier.due_at else "",
            "lookup_url": lookup_url(dossier.code, dossier.lookup_secret),
            # Decree 118/2025 Art. 33: once the result is returned, the applicant may rate it.
            "rating_url": (
                rating_url(dossier_id=dossier.pk, code=dossier.code)
                if event.status == DossierStatus.RETURNED
                else ""
            ),
        }
        subject = render_to_string("dossiers/email/status_changed_subject.txt", context).strip()
        body = render_to_string("dossiers/email/status_changed.txt", context)
    send_mail(subject, body, None, [dossier.applicant_email])
    log.info("dossier.applicant_notified", code=event.code, status=event.status)


def alert_intake_officers(event: DossierSubmitted) -> None:
    """Decree 118/2025 Art. 17.2: intake staff learn of an online dossier at once."""
    dossier = (
        Dossier.objects.filter(pk=event.dossier_id)
        .only("service_centre_id", "code", "status", "revision")
        .first()
    )
    if dossier is None:
        return
    recipients = sorted(
        {
            email
            for email in RoleAssignment.objects.filter(
                service_centre_id=dossier.service_centre_id, role=Role.INTAKE_OFFICER
            ).values_list("user__email", flat=True)
            if email
        }
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "code": dossier.code,
            "intake_due_at": format_moment(event.intake_due_at) if event.intake_due_at else "",
        }
        subject = render_to_string("dossiers/email/submitted_subject.txt", context).strip()
        body = render_to_string("dossiers/email/submitted.txt", context)
    send_mail(subject, body, None, recipients)
    log.info("dossier.intake_alerted", code=event.code, recipients=len(recipients))
