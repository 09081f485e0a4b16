"""Draw a month of dossiers as numpy columns: who, where, when and what became of them.

Moments are UTC epoch seconds (int64), `NONE` (-1) where there is none. Every due moment comes
from the deadline engine's batch paths (`add_working_seconds_batch`, `add_calendar_days_batch`);
the few variants counted in months go through the engine's scalar path. A dossier's story is
drawn whole (arrival, receipt, supplement, extension, payment, decision, return) and then cut at
`as_of`: whatever happens later is dropped and the status is the one in force at `as_of`.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from motcua.deadlines import engine
from motcua.deadlines.engine.durations import WORKING_DAY_SECONDS
from motcua.deadlines.engine.timebase import VIETNAM_TIME
from motcua.demo.generator.reference import Reference, VariantRef

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

NONE = -1
HOUR = 3600
WORKING_DAY = WORKING_DAY_SECONDS
DAY = 86400

# Statuses in the order of their national codes (DOMAIN §2), indexes into `STATUSES`.
STATUSES = (
    "submitted",
    "received",
    "refused_at_intake",
    "processing",
    "awaiting_supplement",
    "awaiting_payment",
    "withdrawn",
    "stopped",
    "result_ready",
    "returned",
)
(
    SUBMITTED,
    RECEIVED,
    REFUSED_AT_INTAKE,
    PROCESSING,
    AWAITING_SUPPLEMENT,
    AWAITING_PAYMENT,
    WITHDRAWN,
    STOPPED,
    RESULT_READY,
    RETURNED,
) = range(10)


@dataclass(frozen=True)
class Shares:
    """How often each thing happens; the defaults give a province-year like the 766 reports."""

    online: float = 0.75  # of all dossiers (DOMAIN §5, 3.3: 50% for full marks)
    postal: float = 0.05  # of the paper dossiers of variants offered by post
    refused_at_intake: float = 0.015  # of online dossiers
    intake_late: float = 0.06  # online dossiers taken in after 8 working hours
    withdrawn: float = 0.015
    refused: float = 0.015
    supplement: float = 0.12
    supplement_late: float = 0.15  # of supplement requests: after 3 working days
    second_supplement: float = 0.05  # of supplement requests (see docs/demo-data.md)
    unsupplied: float = 0.12  # of supplement requests: never supplied, stopped
    extension: float = 0.03
    late: float = 0.08
    paid_online: float = 0.8  # of fees of online dossiers
    digitised: float = 0.72
    reused: float = 0.4
    e_result: float = 0.7
    provincial_at_commune: float = 0.15  # boundary-free provincial cases lodged at a commune


@dataclass
class Month:
    """The dossiers of one month (their `arrival` in that month), as columns."""

    size: int
    variant: Ints
    channel: Ints
    centre: Ints  # index into `centres`
    agency_pk: Ints
    submitted: Ints
    intake_due: Ints
    received: Ints
    due: Ints
    first_due: Ints
    supplement_requested: Ints
    supplement_received: Ints
    supplement_wait_until: Ints
    supplement_requests: Ints
    extended_at: Ints
    payment_requested: Ints
    paid: Ints
    paid_online: Bools
    decided: Ints
    # The decision as drawn, even when it falls after `as_of` (the steps are spread up to it).
    planned_decided: Ints
    returned: Ints
    closed: Ints
    status: Ints
    intake_late: Bools
    supplement_late: Bools
    digitised: Bools
    reused: Bools
    e_result: Bools
    centres: list = field(default_factory=list)

    @property
    def arrival(self) -> Ints:
        return np.where(self.submitted != NONE, self.submitted, self.received)


def epoch(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp())


def _seconds_of(value: Ints, unit: npt.NDArray[np.str_]) -> Ints:
    hours = np.where(unit == "working_hours", value * HOUR, value * WORKING_DAY)
    return hours.astype(np.int64)


def due_from(
    calendar: engine.WorkCalendar, starts: Ints, values: Ints, units: npt.NDArray[np.str_]
) -> Ints:
    """`engine.add_duration` of each (start, value, unit), by the engine's batch paths."""
    result = np.full(starts.shape, NONE, dtype=np.int64)
    working = (units == "working_hours") | (units == "working_days")
    if working.any():
        result[working] = calendar.add_working_seconds_batch(
            starts[working], _seconds_of(values[working], units[working])
        )
    days = units == "calendar_days"
    if days.any():
        result[days] = calendar.add_calendar_days_batch(starts[days], values[days])
    for index in np.flatnonzero(units == "months"):
        start = datetime.fromtimestamp(int(starts[index]), UTC)
        moment = engine.add_duration(
            calendar, start, engine.Duration(int(values[index]), engine.Unit.MONTHS)
        )
        result[index] = epoch(moment)
    return result


def procedure_weights(rng: np.random.Generator, variants: tuple[VariantRef, ...]) -> npt.NDArray:
    """Skewed volumes: about 30% of the procedures carry every dossier, three of them half."""
    codes = sorted({variant.procedure_code for variant in variants})
    order = rng.permutation(len(codes))
    busy = max(1, round(0.3 * len(codes)))
    weight = {}
    heavy = min(3, busy)
    rest = busy - heavy
    for rank, index in enumerate(order):
        if rank < heavy:
            weight[codes[index]] = 0.5 / heavy
        elif rank < busy:
            # The rest share the other half, decreasing like a shifted Zipf law (each below
            # the three busiest).
            shares = 1 / np.arange(3, rest + 3)
            weight[codes[index]] = 0.5 * shares[rank - heavy] / shares.sum()
        else:
            weight[codes[index]] = 0.0
    if rest == 0:
        total = sum(weight.values())
        weight = {code: value / total for code, value in weight.items()}
    per_variant = np.zeros(len(variants))
    for procedure in codes:
        indexes = [i for i, v in enumerate(variants) if v.procedure_code == procedure]
        # The first case of a procedure is the common one.
        split = np.array([3.0] + [1.0] * (len(indexes) - 1))
        per_variant[indexes] = weight[procedure] * split / split.sum()
    return per_variant / per_variant.sum()


class Drawer:
    """Draws months of one province-year; one instance per run (the weights are drawn once)."""

    def __init__(
        self,
        *,
        reference: Reference,
        calendar: engine.WorkCalendar,
        seed: int,
        year: int,
        supplement_wait: tuple[int, str],
        shares: Shares | None = None,
    ) -> None:
        self.reference = reference
        self.calendar = calendar
        self.seed = seed
        self.year = year
        self.shares = shares or Shares()
        self.supplement_wait = supplement_wait
        rng = np.random.default_rng([seed, year])
        variants = reference.variants
        self.variant_weights = procedure_weights(rng, variants)
        self.commune_weights = rng.lognormal(0, 0.8, len(reference.commune_centres))
        self.commune_weights /= self.commune_weights.sum()
        self.centres = [reference.provincial_centre, *reference.commune_centres]
        self.former_offset = len(self.centres)
        former_index: list[list[int]] = []
        for formers in reference.former_centres:
            former_index.append(list(range(len(self.centres), len(self.centres) + len(formers))))
            self.centres.extend(formers)
        self.former_index = former_index
        self.online_ok = np.array([v.online for v in variants])
        self.postal_ok = np.array([v.postal for v in variants])
        self.commune = np.array([v.is_commune for v in variants])
        self.boundary_free = np.array([v.boundary_free for v in variants])
        self.competent = np.array(
            [v.competent_agency_pk or reference.provincial_centre.agency_pk for v in variants]
        )
        self.fee = np.array([v.fee_vnd for v in variants], dtype=np.int64)
        self.time_value = np.array([v.time_value for v in variants], dtype=np.int64)
        self.time_unit = np.array([v.time_unit for v in variants])
        self.online_value = np.array([v.online_time_value for v in variants], dtype=np.int64)
        self.online_unit = np.array([v.online_time_unit for v in variants])
        self.pause = np.array([v.supplement_policy == "pause" for v in variants])
        self.centre_agency = np.array([c.agency_pk for c in self.centres], dtype=np.int64)
        online_capable = float(self.variant_weights[self.online_ok].sum()) or 1.0
        self.online_probability = min(0.97, self.shares.online / online_capable)

    # -- the steps of a month -----------------------------------------------------------

    def draw(self, *, month: int, size: int, start: int, end: int, as_of: int) -> Month:
        """`size` dossiers arriving in [start, end), told as far as `as_of`."""
        rng = np.random.default_rng([self.seed, self.year, month])
        shares, calendar = self.shares, self.calendar
        variant = rng.choice(len(self.variant_weights), size=size, p=self.variant_weights)
        online = self.online_ok[variant] & (rng.random(size) < self.online_probability)
        postal = ~online & self.postal_ok[variant] & (rng.random(size) < shares.postal)
        channel = np.where(online, 2, np.where(postal, 3, 1)).astype(np.int64)
        arrival = self._arrivals(rng, online, start, end)
        centre, agency_pk = self._places(rng, variant, arrival)

        # Online dossiers wait for intake (Art. 17.2: 8 working hours), some longer.
        submitted = np.where(online, arrival, NONE)
        intake_due = np.full(size, NONE, dtype=np.int64)
        intake_due[online] = calendar.add_working_seconds_batch(
            arrival[online], np.full(int(online.sum()), 8 * HOUR, dtype=np.int64)
        )
        wait = np.minimum(rng.exponential(1.5 * HOUR, size), 7.5 * HOUR).astype(np.int64) + 300
        intake_late = online & (rng.random(size) < shares.intake_late)
        wait = np.where(intake_late, rng.integers(8 * HOUR + 60, 16 * HOUR, size), wait)
        taken = arrival.copy()
        taken[online] = calendar.add_working_seconds_batch(arrival[online], wait[online])
        refused_at_intake = online & (rng.random(size) < shares.refused_at_intake)
        received = np.where(refused_at_intake, NONE, taken)

        # Art. 17.3: the clock runs from receipt, for the channel's statutory time.
        values = np.where(online, self.online_value[variant], self.time_value[variant])
        units = np.where(online, self.online_unit[variant], self.time_unit[variant])
        has = received != NONE
        due = np.full(size, NONE, dtype=np.int64)
        due[has] = due_from(calendar, received[has], values[has], units[has])
        first_due = due.copy()

        fate = rng.random(size)
        withdrawn = has & (fate < shares.withdrawn)
        refused = has & ~withdrawn & (fate < shares.withdrawn + shares.refused)
        ongoing = has & ~withdrawn & ~refused
        budget = np.zeros(size, dtype=np.int64)
        budget[has] = calendar.working_seconds_between_batch(received[has], due[has])
        budget = np.maximum(budget, HOUR)

        # Supplement (Art. 19.5): requested once, early in the time; some late, some never come.
        asked = ongoing & (rng.random(size) < shares.supplement)
        supplement_late = asked & (rng.random(size) < shares.supplement_late)
        three_days = 3 * WORKING_DAY
        early_part = (budget * rng.uniform(0.05, 0.35, size)).astype(np.int64)
        late_part = three_days + (budget * rng.uniform(0.0, 0.3, size)).astype(np.int64)
        supplement_late &= late_part < budget - HOUR
        offset = np.where(supplement_late, late_part, np.minimum(early_part, three_days - 60))
        offset = np.clip(offset, 60, np.maximum(budget - HOUR, 60))
        requested = np.full(size, NONE, dtype=np.int64)
        requested[asked] = calendar.add_working_seconds_batch(received[asked], offset[asked])
        supplement_requests = np.where(asked, 1, 0)
        supplement_requests[asked & (rng.random(size) < shares.second_supplement)] = 2
        unsupplied = asked & (rng.random(size) < shares.unsupplied)
        supplied = asked & ~unsupplied
        supplement_received = np.full(size, NONE, dtype=np.int64)
        supplement_received[supplied] = calendar.add_working_seconds_batch(
            requested[supplied], rng.integers(HOUR, 6 * WORKING_DAY, size)[supplied]
        )
        wait_value, wait_unit = self.supplement_wait
        wait_until = np.full(size, NONE, dtype=np.int64)
        wait_until[asked] = due_from(
            calendar,
            requested[asked],
            np.full(int(asked.sum()), wait_value, dtype=np.int64),
            np.full(int(asked.sum()), wait_unit),
        )
        due_supplied = self._due_after_supplement(
            supplied, due, received, requested, supplement_received, values, units, variant
        )

        # Extension (Art. 19.6): once, asked 1–3 working days before the due moment.
        extended = ongoing & ~unsupplied & (rng.random(size) < shares.extension)
        notice = rng.integers(WORKING_DAY, 3 * WORKING_DAY, size)
        clock_from = np.where(supplied, supplement_received, received)
        left = np.zeros(size, dtype=np.int64)
        left[ongoing] = calendar.working_seconds_between_batch(
            clock_from[ongoing], due_supplied[ongoing]
        )
        # Asked at least a working day before due: only where the time leaves room for it.
        extended &= left > notice + HOUR
        extended_at = np.full(size, NONE, dtype=np.int64)
        extended_at[extended] = calendar.add_working_seconds_batch(
            clock_from[extended], left[extended] - notice[extended]
        )
        due = due_supplied.copy()
        due[extended] = calendar.add_working_seconds_batch(
            due_supplied[extended], rng.integers(2, 11, size)[extended] * WORKING_DAY
        )

        # The decision: mostly early, `late` of them after the due moment.
        finishing = ongoing & ~unsupplied
        left[finishing] = calendar.working_seconds_between_batch(
            clock_from[finishing], due[finishing]
        )
        left = np.maximum(left, HOUR)
        late = finishing & (rng.random(size) < shares.late)
        part = np.where(late, 1.0 + rng.exponential(0.25, size), rng.beta(2.5, 2.0, size))
        part = np.where(extended & ~late, np.maximum(part, 0.9), part)
        spent = np.maximum((left * part).astype(np.int64), 600)
        decided = np.full(size, NONE, dtype=np.int64)
        decided[finishing] = calendar.add_working_seconds_batch(
            clock_from[finishing], spent[finishing]
        )
        wait_return = rng.integers(600, 2 * WORKING_DAY, size)
        returned = np.full(size, NONE, dtype=np.int64)
        returned[finishing] = calendar.add_working_seconds_batch(
            decided[finishing], wait_return[finishing]
        )

        # Fees (Art. 24): asked before the decision, paid online or in cash.
        fee = self.fee[variant]
        paying = finishing & (fee > 0)
        payment_requested = np.full(size, NONE, dtype=np.int64)
        payment_requested[paying] = calendar.add_working_seconds_batch(
            clock_from[paying], (spent[paying] * 0.8).astype(np.int64)
        )
        paid = np.full(size, NONE, dtype=np.int64)
        # Paid before the decision: within the last fifth of the time spent.
        settle = np.minimum(rng.integers(300, 4 * HOUR, size), np.maximum(spent // 5 - 60, 1))
        paid[paying] = calendar.add_working_seconds_batch(payment_requested[paying], settle[paying])
        paid_online = paying & online & (rng.random(size) < shares.paid_online)

        # Withdrawn, refused after appraisal, or stopped without a supplement.
        closed = np.full(size, NONE, dtype=np.int64)
        stopping = withdrawn | refused
        closed[stopping] = calendar.add_working_seconds_batch(
            received[stopping],
            (budget[stopping] * rng.uniform(0.05, 0.8, size)[stopping]).astype(np.int64),
        )
        closed[unsupplied] = wait_until[unsupplied]
        closed[finishing] = returned[finishing]
        refusal_at_intake = np.where(refused_at_intake, taken, NONE)

        status = self._status_at(
            as_of,
            received=received,
            refusal_at_intake=refusal_at_intake,
            requested=requested,
            supplement_received=supplement_received,
            unsupplied=unsupplied,
            stopping_kind=np.where(withdrawn, WITHDRAWN, STOPPED),
            stopping=stopping,
            closed=closed,
            payment_requested=payment_requested,
            paid=paid,
            decided=decided,
            returned=returned,
        )
        digitised = has & (rng.random(size) < self.shares.digitised)
        reused = has & (rng.random(size) < self.shares.reused)
        e_result = finishing & (rng.random(size) < self.shares.e_result)

        def cut(moments: Ints) -> Ints:
            return np.where((moments != NONE) & (moments <= as_of), moments, NONE)

        # What had not happened yet at `as_of` is not known: the due moment shown is the one
        # in force then (the first one while a supplement is awaited, the extended one only
        # once the extension was granted).
        shown_due = np.where(cut(supplement_received) != NONE, due_supplied, first_due)
        shown_due = np.where(cut(extended_at) != NONE, due, shown_due)
        got = cut(received) != NONE
        return Month(
            size=size,
            variant=variant.astype(np.int64),
            channel=channel,
            centre=centre,
            agency_pk=agency_pk,
            submitted=submitted,
            intake_due=intake_due,
            received=cut(received),
            due=np.where(got, shown_due, NONE),
            first_due=np.where(got, first_due, NONE),
            supplement_requested=cut(requested),
            supplement_received=cut(supplement_received),
            supplement_wait_until=np.where(cut(requested) != NONE, wait_until, NONE),
            supplement_requests=np.where(cut(requested) != NONE, supplement_requests, 0),
            extended_at=cut(extended_at),
            payment_requested=cut(payment_requested),
            paid=cut(paid),
            paid_online=paid_online & (cut(paid) != NONE),
            decided=np.where(np.isin(status, [RESULT_READY, RETURNED]), decided, NONE),
            planned_decided=decided,
            returned=np.where(status == RETURNED, returned, NONE),
            closed=np.where(
                np.isin(status, [RETURNED, WITHDRAWN, STOPPED, REFUSED_AT_INTAKE]),
                np.where(status == REFUSED_AT_INTAKE, refusal_at_intake, closed),
                NONE,
            ),
            status=status,
            intake_late=intake_late & (cut(taken) != NONE),
            supplement_late=supplement_late & (cut(requested) != NONE),
            digitised=digitised & got,
            reused=reused & got,
            e_result=e_result & np.isin(status, [RESULT_READY, RETURNED]),
            centres=self.centres,
        )

    def _arrivals(self, rng: np.random.Generator, online: Bools, start: int, end: int) -> Ints:
        """Paper dossiers arrive in office hours; online ones mostly then, a third any time."""
        calendar = self.calendar
        size = online.size
        starts = np.array([start], dtype=np.int64)
        span = int(calendar.working_seconds_between_batch(starts, np.array([end]))[0])
        arrival = np.full(size, start, dtype=np.int64)
        if span > 0:
            offsets = rng.integers(1, span, size, endpoint=True)
            arrival = calendar.add_working_seconds_batch(np.full(size, start), offsets)
        anytime = online & (rng.random(size) < 1 / 3)
        arrival[anytime] = rng.integers(start, end, size)[anytime]
        return np.minimum(arrival, end - 1)

    def _places(self, rng: np.random.Generator, variant: Ints, arrival: Ints) -> tuple[Ints, Ints]:
        """Where each dossier is received, and the competent agency.

        Commune cases go to a commune's centre (before 1 Jul 2025, to a former commune's);
        provincial cases to the provincial centre, boundary-free ones sometimes to a commune's
        (Art. 14). The competent agency is the catalog's deciding agency, or the receiving
        centre's own People's Committee for commune cases.
        """
        size = variant.size
        commune = rng.choice(len(self.commune_weights), size=size, p=self.commune_weights)
        commune_centre = commune + 1
        before_merger = arrival < epoch(datetime(2025, 7, 1, tzinfo=VIETNAM_TIME))
        if before_merger.any():
            for index in np.flatnonzero(before_merger):
                formers = self.former_index[int(commune[index])]
                if formers:
                    commune_centre[index] = formers[int(rng.integers(len(formers)))]
        at_commune = self.commune[variant] | (
            self.boundary_free[variant]
            & ~before_merger
            & (rng.random(size) < self.shares.provincial_at_commune)
        )
        centre = np.where(at_commune, commune_centre, 0).astype(np.int64)
        agency = np.where(
            self.commune[variant], self.centre_agency[centre], self.competent[variant]
        ).astype(np.int64)
        return centre, agency

    def _due_after_supplement(
        self,
        mask: Bools,
        due: Ints,
        received: Ints,
        requested: Ints,
        supplied_at: Ints,
        values: Ints,
        units: npt.NDArray[np.str_],
        variant: Ints,
    ) -> Ints:
        """Art. 19.5 as the variant's policy says: restart from zero, or resume the time left."""
        calendar = self.calendar
        due = due.copy()
        working = (units == "working_hours") | (units == "working_days")
        pause = mask & self.pause[variant] & working
        restart = mask & ~self.pause[variant]
        if restart.any():
            due[restart] = due_from(calendar, supplied_at[restart], values[restart], units[restart])
        if pause.any():
            used = calendar.working_seconds_between_batch(received[pause], requested[pause])
            total = _seconds_of(values[pause], units[pause])
            due[pause] = calendar.add_working_seconds_batch(
                supplied_at[pause], np.maximum(total - used, 0)
            )
        for index in np.flatnonzero(mask & self.pause[variant] & ~working):
            moment = engine.due_at(
                calendar,
                received_at=_moment(received[index]),
                duration=engine.Duration(int(values[index]), engine.Unit(str(units[index]))),
                supplement=engine.Supplement(
                    _moment(requested[index]),
                    _moment(supplied_at[index]),
                    engine.SupplementPolicy.PAUSE,
                ),
            )
            due[index] = epoch(moment)
        return due

    def _status_at(
        self,
        as_of: int,
        *,
        received: Ints,
        refusal_at_intake: Ints,
        requested: Ints,
        supplement_received: Ints,
        unsupplied: Bools,
        stopping_kind: Ints,
        stopping: Bools,
        closed: Ints,
        payment_requested: Ints,
        paid: Ints,
        decided: Ints,
        returned: Ints,
    ) -> Ints:
        def happened(moments: Ints) -> Bools:
            return (moments != NONE) & (moments <= as_of)

        status = np.full(received.size, SUBMITTED, dtype=np.int64)
        status[happened(refusal_at_intake)] = REFUSED_AT_INTAKE
        got = happened(received)
        status[got] = PROCESSING
        waiting = happened(requested) & ~happened(supplement_received)
        status[got & waiting] = AWAITING_SUPPLEMENT
        status[got & unsupplied & happened(closed)] = STOPPED
        owing = happened(payment_requested) & ~happened(paid)
        status[got & owing] = AWAITING_PAYMENT
        status[got & happened(decided)] = RESULT_READY
        status[got & happened(returned)] = RETURNED
        ended = got & stopping & happened(closed)
        status[ended] = stopping_kind[ended]
        return status


def _moment(seconds: np.int64) -> datetime:
    return datetime.fromtimestamp(int(seconds), UTC)
