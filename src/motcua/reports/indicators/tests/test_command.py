"""`motcua indicators`: the JSON shape, the table, and clear refusals in both languages."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.reports.indicators.registry import INDICATORS
from motcua.reports.indicators.tests.building import at, receive, receive_online, settle

pytestmark = pytest.mark.django_db

INDICATOR_KEYS = {
    "code",
    "title",
    "group",
    "numerator",
    "denominator",
    "rate",
    "rate_kind",
    "score",
    "max_points",
    "threshold",
    "available",
    "note",
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_json_lists_every_indicator_with_its_terms_rate_and_score(world, clock):
    # given a counter dossier settled on time and an online one open within time
    dossier = receive(world)
    receive_online(world)
    clock.set(at(9, 17, 9))
    settle(world, dossier)
    clock.set(at(9, 17, 10))
    # when the year is printed as JSON
    data = json.loads(run("--year", "2025", "--format", "json"))
    # then every indicator is there with the same keys, in the registry's order
    assert [row["code"] for row in data["indicators"]] == [i.code for i in INDICATORS]
    assert all(set(row) == INDICATOR_KEYS for row in data["indicators"])
    online = next(row for row in data["indicators"] if row["code"] == "3.3")
    assert (online["numerator"], online["denominator"], online["rate"]) == (1, 2, 0.5)
    assert (online["score"], online["max_points"]) == (6, 6)
    assert [group["code"] for group in data["groups"]] == ["1", "2", "3", "4", "5"]
    assert set(data["total"]) == {
        "points",
        "scored_max",
        "max_points",
        "percent",
        "band",
        "band_title",
    }
    assert data["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert data["cutoff"] == "2025-09-17T10:00:00+07:00"


def test_indicator_without_data_is_reported_not_available(world):
    data = json.loads(run("--year", "2025", "--format", "json"))
    sync = next(row for row in data["indicators"] if row["code"] == "1.4")
    assert (sync["available"], sync["numerator"], sync["score"]) == (False, None, None)
    assert sync["note"]


def test_targets_of_the_action_program_are_set_against_the_year(world):
    data = json.loads(run("--year", "2025", "--format", "json"))
    online = next(row for row in data["targets"] if row["code"] == "dossiers_online")
    assert (online["indicator"], online["target"], online["carried_forward"]) == ("3.3", 0.5, False)
    assert online["source"].startswith("§1.2.2")


def test_a_unit_narrows_the_indicators(world):
    # given a commune dossier and an online provincial one
    receive(world)
    receive_online(world)
    data = json.loads(run("--year", "2025", "--unit", "22366", "--format", "json"))
    online = next(row for row in data["indicators"] if row["code"] == "3.3")
    assert (data["unit"], online["numerator"], online["denominator"]) == ("22366", 0, 1)


def test_table_prints_one_line_per_indicator_and_the_total(world):
    out = run("--year", "2025", "--language", "en")
    assert "from 01/01/2025 to 31/12/2025" in out
    assert "Dossiers lodged online" in out
    assert "Total:" in out
    assert out.count("\n3.") == 5


@pytest.mark.parametrize("year", ["abc", "1999", "2026"])
def test_bad_year_is_refused_in_vietnamese_and_english(world, year):
    # the frozen clock stands in 2025
    with pytest.raises(CommandError) as refusal:
        run("--year", year)
    message = str(refusal.value)
    assert f"Năm “{year}” không hợp lệ" in message
    assert f"The year “{year}” is not valid" in message


def test_unknown_unit_is_refused_in_vietnamese_and_english(world):
    with pytest.raises(CommandError) as refusal:
        run("--year", "2025", "--unit", "99999")
    message = str(refusal.value)
    assert "Không có đơn vị hành chính" in message
    assert "There is no administrative unit with code “99999”" in message
