"""The command-line contract: `motcua deadline due|classify`, `motcua calendar show|import`."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


def test_deadline_due_prints_the_contract_example() -> None:
    assert run("deadline", "due", "--received-at", "2025-01-24T10:00", "--working-days", "3") == [
        "2025-02-05T10:00:00+07:00"
    ]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--working-hours", "8", "2025-03-04T10:00:00+07:00"),
        ("--calendar-days", "5", "2025-03-10T10:00:00+07:00"),
        ("--months", "2", "2025-05-05T10:00:00+07:00"),
    ],
)
def test_deadline_due_units(option: str, value: str, expected: str) -> None:
    assert run("deadline", "due", "--received-at", "2025-03-03T10:00", option, value) == [expected]


def test_deadline_due_prints_one_line_per_receipt() -> None:
    lines = run(
        "deadline",
        "due",
        "--received-at",
        "2025-03-03T10:00",
        "--received-at",
        "2025-03-03T17:30",
        "--working-days",
        "1",
    )
    assert lines == ["2025-03-04T10:00:00+07:00", "2025-03-04T17:00:00+07:00"]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("restart", "2025-03-17T14:00:00+07:00"), ("pause", "2025-03-14T14:00:00+07:00")],
)
def test_deadline_due_after_a_supplement(policy: str, expected: str) -> None:
    lines = run(
        "deadline",
        "due",
        "--received-at",
        "2025-03-03T10:00",
        "--working-days",
        "5",
        "--supplement-requested-at",
        "2025-03-04T10:00",
        "--supplement-received-at",
        "2025-03-10T14:00",
        "--supplement-policy",
        policy,
    )
    assert lines == [expected]


@pytest.mark.parametrize(
    ("finished", "expected"),
    [("2025-03-07T16:00", "early"), ("2025-03-10T16:00", "on_time"), ("2025-03-11T08:00", "late")],
)
def test_deadline_classify_finished(finished: str, expected: str) -> None:
    lines = run("deadline", "classify", "--due-at", "2025-03-10T17:00", "--finished-at", finished)
    assert lines == [expected]


def test_deadline_classify_in_progress() -> None:
    lines = run("deadline", "classify", "--due-at", "2025-03-10T17:00", "--at", "2025-03-07T17:00")
    assert lines == ["approaching"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--working-days", "-3"], "negative_duration"),
        (["--duration", "3", "weeks"], "unknown_unit"),
        (["--working-days", "1.5"], "invalid_duration"),
        (["--working-days", "1", "--supplement-policy", "pause"], "incomplete_supplement"),
        (
            [
                "--working-days",
                "1",
                "--supplement-requested-at",
                "2025-03-04T10:00",
                "--supplement-received-at",
                "2025-03-05T10:00",
                "--supplement-policy",
                "freeze",
            ],
            "unknown_supplement_policy",
        ),
    ],
)
def test_deadline_due_refuses_bad_input(args: list[str], code: str) -> None:
    with pytest.raises(CommandError, match=code):
        run("deadline", "due", "--received-at", "2025-03-03T10:00", *args)


def test_deadline_due_refuses_a_malformed_date() -> None:
    with pytest.raises(CommandError, match="malformed_moment"):
        run("deadline", "due", "--received-at", "24/01/2025", "--working-days", "3")


def test_calendar_show_2026() -> None:
    lines = run("calendar", "show", "--year", "2026")
    assert lines[:3] == [
        "2026-01-01 off Tết Dương lịch",
        "2026-01-02 off Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
        "2026-01-10 work Làm bù cho ngày 02/01/2026",
    ]
    assert len(lines) == 14
    assert lines[-1] == "2026-11-24 off Ngày Văn hóa Việt Nam (chưa xác nhận / unconfirmed)"


def test_calendar_show_of_a_year_outside_the_calendar_is_refused() -> None:
    with pytest.raises(CommandError, match="unknown_year"):
        run("calendar", "show", "--year", "1890")


def test_calendar_import_file(tmp_path: Path) -> None:
    # given
    path = tmp_path / "2027.json"
    path.write_text(
        json.dumps(
            {
                "format": "motcua.calendar/1",
                "days": [{"date": "2027-03-05", "kind": "off", "reason": "Nghỉ"}],
            }
        ),
        encoding="utf-8",
    )
    # when
    lines = run("calendar", "import", str(path))
    # then
    assert "1 days added" in lines[0]
    assert "2027-03-05 off Nghỉ" in run("calendar", "show", "--year", "2027")


def test_calendar_import_of_broken_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("calendar", "import", str(path))


def test_calendar_import_of_a_make_up_weekday_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "motcua.calendar/1",
                "days": [{"date": "2027-03-05", "kind": "work", "reason": "Làm bù"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="make_up_day_on_weekday"):
        run("calendar", "import", str(path))


def test_console_command_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    # given: the real `motcua` entry point; the unit is refused before the database is read
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "MOTCUA_VAR_DIR": str(tmp_path),
    }
    # when
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "motcua",
            "deadline",
            "due",
            "--received-at",
            "2025-01-24T10:00",
            "--duration",
            "3",
            "fortnights",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    # then
    assert finished.returncode != 0
    assert "unknown_unit" in finished.stderr
    assert "Traceback" not in finished.stderr
