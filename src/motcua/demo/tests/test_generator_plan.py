"""The drawing of a province-year's dossiers (`demo.generator.plan`), on a hand-built province."""

from datetime import UTC, datetime

import numpy as np
import pytest

from motcua.deadlines import engine
from motcua.deadlines.queries import get_work_calendar
from motcua.demo.generator import plan
from motcua.demo.generator.plan import NONE, Drawer, epoch, procedure_weights
from motcua.demo.generator.province_year import month_bounds
from motcua.demo.generator.reference import CentreRef, Reference, StepRef, VariantRef

pytestmark = pytest.mark.django_db

STEPS = (
    StepRef(1, "Tiếp nhận", "intake", "intake_officer", 4, "", 0, 4),
    StepRef(2, "Thẩm định", "handling", "handler", 24, "", 4, 28),
    StepRef(3, "Trả kết quả", "intake", "intake_officer", 4, "", 28, 32),
)


def _variant(number: int, **changes: object) -> VariantRef:
    values: dict[str, object] = {
        "pk": number,
        "version_pk": number,
        "procedure_code": f"1.{number:06d}",
        "is_commune": number % 2 == 0,
        "competent_agency_pk": None if number % 2 == 0 else 900,
        "time_value": 5,
        "time_unit": "working_days",
        "online_time_value": 5,
        "online_time_unit": "working_days",
        "online": True,
        "postal": True,
        "boundary_free": True,
        "supplement_policy": "pause" if number % 3 else "restart",
        "fee_vnd": 50_000 if number % 4 == 0 else 0,
        "document_pk": None,
        "document_name": "Đơn",
        "result_code": "KQ",
        "steps": STEPS,
    }
    values.update(changes)
    return VariantRef(**values)  # type: ignore[arg-type]


def _reference() -> Reference:
    variants = tuple(_variant(number) for number in range(1, 21))
    variants += (_variant(21, time_value=10, time_unit="calendar_days"),)
    communes = tuple(CentreRef(100 + n, 200 + n, f"000.00.{n:02d}.H34") for n in range(1, 6))
    formers = tuple(
        (CentreRef(300 + 2 * n, 400 + 2 * n, f"000.00.2{n}000.H34"),) for n in range(1, 6)
    )
    return Reference(
        variants=variants,
        provincial_centre=CentreRef(1, 900, "000.00.00.H34"),
        commune_centres=communes,
        former_centres=formers,
        signer_pk=1,
        signer_name="Lãnh đạo",
    )


@pytest.fixture
def calendar() -> engine.WorkCalendar:
    return get_work_calendar(province=None)


def _drawer(calendar: engine.WorkCalendar, *, seed: int = 7, year: int = 2025) -> Drawer:
    return Drawer(
        reference=_reference(),
        calendar=calendar,
        seed=seed,
        year=year,
        supplement_wait=(15, "calendar_days"),
    )


def _march(drawer: Drawer, size: int = 4000, *, month: int = 3) -> plan.Month:
    start, end = month_bounds(drawer.year, month)
    _, year_end = month_bounds(drawer.year, 12)
    return drawer.draw(month=month, size=size, start=start, end=end, as_of=year_end - 1)


def test_the_same_seed_draws_the_same_dossiers(calendar: engine.WorkCalendar) -> None:
    # given two drawers with one seed and one with another
    first, again, other = _drawer(calendar), _drawer(calendar), _drawer(calendar, seed=8)
    # when each draws March
    a, b, c = _march(first), _march(again), _march(other)
    # then the same seed gives the same dossiers, another seed others
    for column in ("variant", "channel", "centre", "received", "due", "status", "decided"):
        assert np.array_equal(getattr(a, column), getattr(b, column))
    assert not np.array_equal(a.received, c.received)


def test_thirty_percent_of_procedures_carry_every_dossier_and_three_carry_half() -> None:
    # given 30 procedures of one variant each
    variants = tuple(_variant(number) for number in range(1, 31))
    # when the volumes are drawn
    weights = procedure_weights(np.random.default_rng(1), variants)
    # then 9 procedures (30%) carry everything and the 3 busiest half of it
    busy = np.sort(weights[weights > 0])[::-1]
    assert busy.size == 9
    assert busy[:3].sum() == pytest.approx(0.5)
    assert weights.sum() == pytest.approx(1.0)


def test_about_three_quarters_of_dossiers_arrive_online(calendar: engine.WorkCalendar) -> None:
    # given a month of 4000 dossiers
    month = _march(_drawer(calendar))
    # when the channels are counted
    shares = np.bincount(month.channel, minlength=4)[1:] / month.size
    # then about 75% came online and a few by post
    assert 0.72 <= shares[1] <= 0.78
    assert 0 < shares[2] < 0.05


def test_paper_dossiers_arrive_within_office_hours(calendar: engine.WorkCalendar) -> None:
    # given a month of dossiers
    month = _march(_drawer(calendar))
    # when the paper dossiers' arrivals are read
    paper = month.received[month.channel != 2]
    # then each is a working moment of the calendar
    assert all(calendar.is_working_moment(plan._moment(moment)) for moment in paper[:300])


def test_due_moments_are_the_deadline_engines(calendar: engine.WorkCalendar) -> None:
    # given a month of dossiers, some with a supplement
    month = _march(_drawer(calendar))
    variants = _reference().variants
    # when each received dossier's first due moment is recomputed by the engine
    received = np.flatnonzero(month.received != NONE)[:400]
    for index in received:
        variant = variants[month.variant[index]]
        expected = engine.due_at(
            calendar,
            received_at=plan._moment(month.received[index]),
            duration=engine.Duration(variant.time_value, engine.Unit(variant.time_unit)),
        )
        # then it is the dossier's first due moment
        assert month.first_due[index] == epoch(expected)


def test_a_supplement_moves_the_due_moment_by_the_variants_policy(
    calendar: engine.WorkCalendar,
) -> None:
    # given dossiers whose supplement arrived, none extended
    month = _march(_drawer(calendar), size=6000)
    variants = _reference().variants
    supplied = np.flatnonzero((month.supplement_received != NONE) & (month.extended_at == NONE))
    assert supplied.size > 50
    for index in supplied:
        variant = variants[month.variant[index]]
        # when the engine computes the due moment after the supplement
        expected = engine.due_at(
            calendar,
            received_at=plan._moment(month.received[index]),
            duration=engine.Duration(variant.time_value, engine.Unit(variant.time_unit)),
            supplement=engine.Supplement(
                plan._moment(month.supplement_requested[index]),
                plan._moment(month.supplement_received[index]),
                engine.parse_supplement_policy(variant.supplement_policy),
            ),
        )
        # then the dossier shows that due moment
        assert month.due[index] == epoch(expected)


def test_an_extension_is_asked_at_least_one_working_day_before_due(
    calendar: engine.WorkCalendar,
) -> None:
    # given a month of dossiers, some extended
    month = _march(_drawer(calendar), size=6000)
    extended = np.flatnonzero(month.extended_at != NONE)
    assert extended.size > 20
    # when the time between the request and the due moment it replaced is measured
    for index in extended:
        previous = month.first_due[index]
        if month.supplement_received[index] != NONE:
            continue
        left = calendar.working_seconds_between(
            plan._moment(month.extended_at[index]), plan._moment(previous)
        )
        # then it is at least a working day (Art. 19.6) and the new due moment is later
        assert left >= engine.Duration(1, engine.Unit.WORKING_DAYS).working_seconds
        assert month.due[index] > previous


def test_statuses_follow_what_happened_by_the_cut(calendar: engine.WorkCalendar) -> None:
    # given December, cut in its middle
    drawer = _drawer(calendar)
    start, _end = month_bounds(2025, 12)
    cut = epoch(datetime(2025, 12, 20, 10, tzinfo=UTC))
    month = drawer.draw(month=12, size=3000, start=start, end=cut, as_of=cut)
    status = month.status
    # then returned dossiers were decided and returned before the cut, in that order
    returned = status == plan.RETURNED
    assert (month.returned[returned] <= cut).all()
    assert (month.decided[returned] <= month.returned[returned]).all()
    # open dossiers have no decision, those awaiting a supplement were asked for one
    open_ = np.isin(status, [plan.PROCESSING, plan.AWAITING_PAYMENT])
    assert (month.decided[open_] == NONE).all()
    waiting = status == plan.AWAITING_SUPPLEMENT
    assert (month.supplement_requested[waiting] != NONE).all()
    assert (month.supplement_received[waiting] == NONE).all()
    # nothing is dated after the cut
    for column in ("received", "decided", "returned", "closed", "paid", "extended_at"):
        assert (getattr(month, column) <= cut).all()
    assert set(np.unique(status)) >= {plan.RETURNED, plan.PROCESSING, plan.SUBMITTED}


def test_commune_dossiers_before_the_merger_go_to_former_communes(
    calendar: engine.WorkCalendar,
) -> None:
    # given a drawer of 2025 and the former communes' centres
    drawer = _drawer(calendar)
    formers = {index for indexes in drawer.former_index for index in indexes}
    # when March (before 1 Jul 2025) and September are drawn
    march, september = _march(drawer), _march(drawer, month=9)
    # then March's commune dossiers are received at former communes, September's at new ones
    commune = drawer.commune[march.variant]
    assert set(march.centre[commune].tolist()) <= formers
    assert not set(september.centre.tolist()) & formers


def test_some_dossiers_are_late_some_extended_some_refused(calendar: engine.WorkCalendar) -> None:
    # given a month of dossiers told to the end of the year
    month = _march(_drawer(calendar), size=6000)
    decided = month.decided != NONE
    # then a few percent were decided after their due moment, extended, withdrawn or refused
    late = (month.decided > month.due) & decided
    assert 0.04 < late.sum() / decided.sum() < 0.14
    assert (month.extended_at != NONE).sum() > 0
    assert (month.status == plan.WITHDRAWN).sum() > 0
    assert (month.status == plan.REFUSED_AT_INTAKE).sum() > 0
    assert (month.supplement_requests == 2).sum() > 0
    assert month.paid_online.sum() > 0
