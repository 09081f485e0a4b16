"""Roll-up facts: what dossiers add up to, per day and per slice, so dashboards read little.

`DossierContribution` keeps, per received dossier, the days and classes it counts under
(`reports.contributions` computes them in SQL); `DailyFact` sums those per day × receiving
unit × competent agency × procedure (and sector) × channel, one column per outcome. Both are
kept after every dossier event (`reports.listeners`) and rebuilt in bulk by `motcua reports
rebuild`. Dimensions are plain ids without foreign keys: facts are derived data, rebuilt at
will, and must never block a change to the rows they count (docs/adr/0130).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The dimensions of a fact, in key order (besides the day).
DIMENSIONS = ("level_id", "unit_id", "agency_id", "procedure_id", "sector_id", "channel")

# The additive columns of a fact. `due` and `settled` serve form II.06a's "overdue at the end of
# a period": overdue = dossiers due by then − those due by then that also ended by then.
MEASURES = (
    "received",
    "online_paid",
    "with_e_result",
    "digitised",
    "reused",
    "with_fee",
    "due",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "refused",
    "settled",
    "resolution_working_seconds",
)


class DossierContribution(models.Model):
    """Where one received dossier counts: its slice, its days and its outcome.

    `due_on` is the effective due day (`outcomes.effective_due_day`), `finished_on` the day it
    was resolved, withdrawn or refused, `settled_on` the later of the two.
    """

    dossier_id = models.BigIntegerField(_("dossier"), primary_key=True)
    level_id = models.BigIntegerField(_("administrative level"))
    unit_id = models.BigIntegerField(_("receiving unit"))
    agency_id = models.BigIntegerField(_("competent agency"))
    procedure_id = models.BigIntegerField(_("procedure"))
    sector_id = models.BigIntegerField(_("sector"))
    channel = models.PositiveSmallIntegerField(_("channel"))
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"), null=True)
    finished_on = models.DateField(_("finished on"), null=True)
    outcome = models.CharField(_("outcome"), max_length=16, blank=True)
    settled_on = models.DateField(_("settled on"), null=True)
    resolution_working_seconds = models.BigIntegerField(_("resolution time (working seconds)"))
    online_paid = models.BooleanField(_("paid online"))
    with_e_result = models.BooleanField(_("with an e-result"))
    digitised = models.BooleanField(_("digitised"))
    reused = models.BooleanField(_("reusing digitised data"))
    with_fee = models.BooleanField(_("with a non-zero fee"))

    class Meta:
        verbose_name = _("dossier contribution")
        verbose_name_plural = _("dossier contributions")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.received_on} {self.outcome}"


class FactColumns(models.Model):
    """The dimensions and additive columns shared by the daily and the monthly facts."""

    level_id = models.BigIntegerField(_("administrative level"))
    unit_id = models.BigIntegerField(_("receiving unit"))
    agency_id = models.BigIntegerField(_("competent agency"))
    procedure_id = models.BigIntegerField(_("procedure"))
    sector_id = models.BigIntegerField(_("sector"))
    channel = models.PositiveSmallIntegerField(_("channel"))
    received = models.IntegerField(_("received"), default=0)
    online_paid = models.IntegerField(_("received and paid online"), default=0)
    with_e_result = models.IntegerField(_("received with an e-result"), default=0)
    digitised = models.IntegerField(_("received and digitised"), default=0)
    reused = models.IntegerField(_("received reusing digitised data"), default=0)
    with_fee = models.IntegerField(_("received with a non-zero fee"), default=0)
    due = models.IntegerField(_("due"), default=0)
    resolved_early = models.IntegerField(_("resolved early"), default=0)
    resolved_on_time = models.IntegerField(_("resolved on time"), default=0)
    resolved_late = models.IntegerField(_("resolved late"), default=0)
    withdrawn = models.IntegerField(_("withdrawn"), default=0)
    refused = models.IntegerField(_("refused"), default=0)
    settled = models.IntegerField(_("due and ended"), default=0)
    resolution_working_seconds = models.BigIntegerField(
        _("resolution time (working seconds)"), default=0
    )

    class Meta:
        abstract = True


class DailyFact(FactColumns):
    """The sums of one day in one slice (receiving unit, agency, procedure, channel)."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily fact")
        verbose_name_plural = _("daily facts")
        constraints = [
            models.UniqueConstraint(fields=["day", *DIMENSIONS], name="reports_fact_cell")
        ]
        indexes = [
            models.Index(fields=["agency_id", "day"], name="reports_fact_agency"),
            models.Index(fields=["unit_id", "day"], name="reports_fact_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}/{self.procedure_id}/{self.channel}"


class MonthlyFact(FactColumns):
    """The daily facts of one month summed (`month` is its first day): what whole months read.

    A dashboard of a year reads twelve rows per slice here, and the daily facts only for the
    days of a month the period cuts (docs/adr/0131).
    """

    month = models.DateField(_("month"))

    class Meta:
        verbose_name = _("monthly fact")
        verbose_name_plural = _("monthly facts")
        constraints = [
            models.UniqueConstraint(fields=["month", *DIMENSIONS], name="reports_month_cell")
        ]
        indexes = [
            models.Index(fields=["agency_id", "month"], name="reports_month_agency"),
            models.Index(fields=["unit_id", "month"], name="reports_month_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.agency_id}/{self.procedure_id}/{self.channel}"


class QueuedRefresh(models.Model):
    """A dossier whose facts are to be brought up to date by `motcua reports follow`.

    Written inside the act's transaction when `REPORTS_REFRESH` is `queued` (production): one
    small insert instead of the refresh itself on the officer's request. A dossier is queued at
    most once however many events it had; the follower refreshes queued dossiers in batches.
    """

    dossier_id = models.BigIntegerField(_("dossier"), primary_key=True)
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        verbose_name = _("queued refresh")
        verbose_name_plural = _("queued refreshes")
        indexes = [models.Index(fields=["queued_at"], name="reports_queued_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.queued_at:%d/%m/%Y %H:%M:%S}"


class MonthlyReportDelivery(models.Model):
    """One leader's monthly report, sent: `motcua reports mail-monthly` sends a month once per
    leader unless told to send again (`--force`), which moves `sent_at` and counts the sends."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="monthly_report_deliveries",
        verbose_name=_("recipient"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    sent_at = models.DateTimeField(_("sent at"))
    sends = models.PositiveSmallIntegerField(_("times sent"), default=1)

    class Meta:
        verbose_name = _("monthly report delivery")
        verbose_name_plural = _("monthly report deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "month"], name="reports_delivery_once_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.recipient_id}"
