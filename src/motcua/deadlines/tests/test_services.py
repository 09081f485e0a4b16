"""Calendar services: audited changes, the change-impact report and the recomputation."""

from collections.abc import Iterator
from datetime import date

import pytest

from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.deadlines import engine
from motcua.deadlines.engine.errors import (
    InvalidCalendarFileError,
    InvalidOfficeHoursError,
    MakeUpDayOnWeekdayError,
)
from motcua.deadlines.errors import (
    CalendarDayNotFoundError,
    CalendarReasonMissingError,
    UnknownProvinceError,
)
from motcua.deadlines.events import CalendarChanged, DueMomentsRecomputed
from motcua.deadlines.models import CalendarDay, ProvinceCalendar
from motcua.deadlines.queries import get_work_calendar, report_due_moment_changes
from motcua.deadlines.services import (
    add_calendar_day,
    announce_year,
    apply_due_moment_recomputation,
    import_calendar,
    remove_calendar_day,
    set_office_hours,
    withdraw_year_announcement,
)
from motcua.deadlines.sources import (
    OpenDueMoment,
    register_due_moment_source,
    unregister_due_moment_source,
)
from motcua.deadlines.tests.factories import MemorySource, make_province

pytestmark = pytest.mark.django_db

RECEIVED = engine.parse_moment("2025-03-03T10:00")
THREE_DAYS = engine.Duration(3, engine.Unit.WORKING_DAYS)


@pytest.fixture
def source() -> Iterator[MemorySource]:
    computation = engine.DueComputation(RECEIVED, THREE_DAYS)
    memory = MemorySource(
        [
            OpenDueMoment(
                "000.00.00.H38-250303-0001",
                "Cấp giấy phép xây dựng",
                None,
                engine.parse_moment("2025-03-06T10:00"),
                computation,
            )
        ]
    )
    register_due_moment_source(memory)
    yield memory
    unregister_due_moment_source(memory.name)


@pytest.fixture
def captured() -> Iterator[list[events.Event]]:
    seen: list[events.Event] = []
    events.subscribe(events.Event, seen.append)
    yield seen
    events.unsubscribe(events.Event, seen.append)


def test_adding_a_day_off_changes_the_due_moment(django_capture_on_commit_callbacks) -> None:
    # when: a local day off on Wednesday 5 Mar 2025
    with django_capture_on_commit_callbacks(execute=True):
        add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ đột xuất")
    # then
    due = engine.due_at(get_work_calendar(), received_at=RECEIVED, duration=THREE_DAYS)
    assert engine.format_moment(due) == "2025-03-07T10:00:00+07:00"


def test_adding_a_day_writes_an_audit_row() -> None:
    result = add_calendar_day(
        actor=None,
        on=date(2025, 3, 5),
        kind="off",
        reason="Nghỉ đột xuất",
        legal_reference="Quyết định 1/QĐ-UBND",
    )
    entry = AuditEntry.objects.get(action="deadlines.calendar_day_added")
    assert entry.object_id == str(result.day.pk)  # type: ignore[union-attr]
    assert entry.after["legal_reference"] == "Quyết định 1/QĐ-UBND"  # type: ignore[index]


def test_adding_a_day_publishes_calendar_changed_after_commit(
    django_capture_on_commit_callbacks, captured: list[events.Event]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ")
        assert captured == []
    assert [type(event) for event in captured] == [CalendarChanged]


@pytest.mark.parametrize(
    ("change", "action"),
    [
        (
            lambda: set_office_hours(
                actor=None, effective_from=date(2027, 1, 1), periods=["07:00-11:00"]
            ),
            "deadlines.office_hours_set",
        ),
        (
            lambda: announce_year(actor=None, year=2027, legal_reference="Thông báo"),
            "deadlines.year_announced",
        ),
        (
            lambda: withdraw_year_announcement(actor=None, year=2026),
            "deadlines.year_announcement_withdrawn",
        ),
        (
            lambda: remove_calendar_day(actor=None, on=date(2025, 5, 2)),
            "deadlines.calendar_day_removed",
        ),
    ],
    ids=["office hours", "announce year", "withdraw year", "remove day"],
)
def test_every_calendar_change_is_audited_and_announced_after_commit(
    change, action: str, django_capture_on_commit_callbacks, captured: list[events.Event]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        change()
    assert AuditEntry.objects.filter(action=action).count() == 1
    assert [type(event) for event in captured] == [CalendarChanged]


def test_withdrawing_an_announcement_restores_the_default_placement() -> None:
    # given: the 2025 notice placed Tết on 27-31 Jan; the default gives Monday 3 Feb off
    withdraw_year_announcement(actor=None, year=2025)
    # then
    assert not get_work_calendar().is_working_day(date(2025, 2, 3))


def test_changing_an_existing_day_is_audited_with_before_and_after() -> None:
    add_calendar_day(actor=None, on=date(2026, 11, 24), kind="off", reason="Ngày Văn hóa")
    entry = AuditEntry.objects.get(action="deadlines.calendar_day_changed")
    assert entry.before["confirmed"] is False  # type: ignore[index]
    assert entry.after["confirmed"] is True  # type: ignore[index]


def test_make_up_day_on_a_weekday_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(MakeUpDayOnWeekdayError):
        add_calendar_day(actor=None, on=date(2025, 3, 5), kind="work", reason="Làm bù")
    assert not CalendarDay.objects.filter(on=date(2025, 3, 5)).exists()


def test_day_without_reason_is_refused() -> None:
    with pytest.raises(CalendarReasonMissingError):
        add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason=" ")


def test_make_up_saturday_becomes_a_working_day() -> None:
    add_calendar_day(actor=None, on=date(2025, 3, 8), kind="work", reason="Làm bù")
    assert get_work_calendar().is_working_day(date(2025, 3, 8))


def test_removing_a_day_lets_the_rules_decide_again() -> None:
    # given: 2 May 2025 is off by the swap
    remove_calendar_day(actor=None, on=date(2025, 5, 2))
    # then
    assert get_work_calendar().is_working_day(date(2025, 5, 2))
    assert AuditEntry.objects.filter(action="deadlines.calendar_day_removed").count() == 1


def test_removing_a_missing_day_is_refused() -> None:
    with pytest.raises(CalendarDayNotFoundError):
        remove_calendar_day(actor=None, on=date(2025, 3, 5))


def test_change_report_lists_open_dossiers_whose_due_moment_moves(source: MemorySource) -> None:
    # when
    result = add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ")
    # then
    assert [
        (change.key, engine.format_moment(change.recomputed_due_at)) for change in result.changes
    ] == [("000.00.00.H38-250303-0001", "2025-03-07T10:00:00+07:00")]
    assert source.applied == {}


def test_change_report_is_empty_when_no_due_moment_moves(source: MemorySource) -> None:
    result = add_calendar_day(actor=None, on=date(2025, 3, 20), kind="off", reason="Nghỉ")
    assert result.changes == []


def test_applying_the_recomputation_updates_the_source_and_audits(
    source: MemorySource, django_capture_on_commit_callbacks, captured: list[events.Event]
) -> None:
    # given
    add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        applied = apply_due_moment_recomputation(actor=None)
    # then
    assert [change.key for change in applied] == ["000.00.00.H38-250303-0001"]
    assert engine.format_moment(source.applied["000.00.00.H38-250303-0001"]) == (
        "2025-03-07T10:00:00+07:00"
    )
    entry = AuditEntry.objects.get(action="deadlines.due_moment_recomputed")
    assert entry.before["due_at"] == "2025-03-06T10:00:00+07:00"  # type: ignore[index]
    assert entry.after["due_at"] == "2025-03-07T10:00:00+07:00"  # type: ignore[index]
    assert DueMomentsRecomputed in [type(event) for event in captured]
    assert report_due_moment_changes() == []


def test_leaving_the_appointments_changes_nothing(source: MemorySource) -> None:
    # given: the administrator applies only other keys
    add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ")
    # when
    applied = apply_due_moment_recomputation(actor=None, keys=["another"])
    # then
    assert applied == []
    assert source.applied == {}
    assert len(report_due_moment_changes()) == 1


def test_province_day_off_moves_only_that_provinces_dossiers(source: MemorySource) -> None:
    # given: a dossier of province 56 and one of the national default scope
    make_province("56")
    item = next(iter(source.items.values()))
    source.items["khanh-hoa"] = item.__class__(
        "khanh-hoa", "Khánh Hòa", "56", item.due_at, item.computation
    )
    # when
    result = add_calendar_day(
        actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ địa phương", province="56"
    )
    # then
    assert [change.key for change in result.changes] == ["khanh-hoa"]
    assert get_work_calendar(province="56").is_working_day(date(2025, 3, 5)) is False
    assert get_work_calendar().is_working_day(date(2025, 3, 5)) is True


def test_unknown_province_is_refused() -> None:
    with pytest.raises(UnknownProvinceError):
        add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ", province="99")


def test_new_office_hours_version_applies_from_its_date() -> None:
    # when
    set_office_hours(
        actor=None, effective_from=date(2025, 6, 1), periods=["07:30-11:30", "13:00-17:00"]
    )
    # then
    calendar = get_work_calendar()
    before = engine.due_at(
        calendar, received_at=engine.parse_moment("2025-05-29T07:00"), duration=THREE_DAYS
    )
    after = engine.due_at(
        calendar,
        received_at=engine.parse_moment("2025-06-03T12:30"),
        duration=engine.Duration(1, "working_days"),  # type: ignore[arg-type]
    )
    assert engine.format_moment(before) == "2025-06-02T17:00:00+07:00"
    assert engine.format_moment(after) == "2025-06-04T11:30:00+07:00"
    assert AuditEntry.objects.filter(action="deadlines.office_hours_set").count() == 1


def test_invalid_office_hours_are_refused() -> None:
    with pytest.raises(InvalidOfficeHoursError):
        set_office_hours(actor=None, effective_from=date(2025, 6, 1), periods=["17:00-07:00"])


def test_announcing_a_year_replaces_the_default_tet_placement() -> None:
    # given: by default Tết 2027 gives 10 and 11 Feb off (compensatory)
    assert not get_work_calendar().is_working_day(date(2027, 2, 10))
    # when
    announce_year(actor=None, year=2027, legal_reference="Thông báo 2027")
    # then
    assert get_work_calendar().is_working_day(date(2027, 2, 10))


def official_document() -> dict[str, object]:
    return {
        "format": "motcua.calendar/1",
        "announced_years": [{"year": 2027, "legal_reference": "Thông báo 2027"}],
        "days": [
            {"date": "2027-02-05", "kind": "off", "reason": "Tết"},
            {"date": "2027-02-20", "kind": "work", "reason": "Làm bù"},
        ],
        "office_hours": [
            {"effective_from": "2027-01-01", "periods": ["07:00-11:30", "13:30-17:00"]}
        ],
    }


def test_import_writes_the_days_and_reimport_changes_nothing() -> None:
    first = import_calendar(actor=None, document=official_document())
    second = import_calendar(actor=None, document=official_document())
    assert (first.days_created, first.days_updated) == (2, 0)
    assert (second.days_created, second.days_updated) == (0, 0)
    assert get_work_calendar().is_working_day(date(2027, 2, 20))


def test_import_with_one_bad_row_writes_nothing() -> None:
    document = official_document()
    document["days"].append({"date": "2027-02-31", "kind": "off", "reason": "x"})  # type: ignore[attr-defined]
    with pytest.raises(InvalidCalendarFileError):
        import_calendar(actor=None, document=document)
    assert not CalendarDay.objects.filter(on=date(2027, 2, 5)).exists()


def test_migration_ships_the_official_calendars() -> None:
    national = ProvinceCalendar.objects.get(province__isnull=True)
    assert set(national.announced_years.values_list("year", flat=True)) == {2025, 2026}
    assert national.days.get(on=date(2026, 1, 10)).kind == "work"
    assert national.days.get(on=date(2026, 11, 24)).confirmed is False
