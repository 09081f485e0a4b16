"""The monthly report mailed to leaders: who gets it, what it holds, and only once."""

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.core.clock import VIETNAM
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import FrozenClock, World
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment
from motcua.reports import mailing
from motcua.reports.mailing import Month
from motcua.reports.models import MonthlyReportDelivery
from motcua.surveys.choices import Answer, RatingChannel
from motcua.surveys.services import rate_dossier
from motcua.surveys.testing import all_answers, returned_dossier

pytestmark = pytest.mark.django_db

Make = Callable[..., Dossier]
SEPTEMBER = "2025-09"
LEADERS = ["chutich.xa", "lanhdao.ca", "lanhdao.xd"]


@pytest.fixture
def september(world: World, acted: Make, clock: FrozenClock) -> World:
    """A commune dossier resolved and a construction one open, both received in September 2025;
    the run is on 1 October."""
    acted(world, result_ready=True)
    acted(world, procedure="1.000002.H34", processing=True)
    clock.set(datetime(2025, 10, 1, 7, tzinfo=VIETNAM))
    mail.outbox.clear()  # the applicants' notices
    return world


def mail_monthly(*arguments: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("reports", "mail-monthly", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def sent_to(username: str) -> Any:
    (message,) = [m for m in mail.outbox if m.to == [f"{username}@example.vn"]]
    return message


def attachment(message: Any, suffix: str) -> bytes:
    (content,) = [content for name, content, _ in message.attachments if name.endswith(suffix)]
    return content


def xlsx_names(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [str(row[1]) for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]]


def test_every_leader_and_only_leaders_receive_last_months_report(september: World) -> None:
    # given the unit leaders of the world and a steering committee member
    steering = User.objects.create(
        username="bcd", kind=AccountKind.STAFF, email="bcd@example.vn", full_name="Lý Bình"
    )
    RoleAssignment.objects.create(user=steering, role=Role.STEERING_MEMBER)
    # and a centre leader, a leader whose role ended and a leader no longer active
    centre = User.objects.create(username="gd", kind=AccountKind.STAFF, email="gd@example.vn")
    RoleAssignment.objects.create(
        user=centre, role=Role.CENTRE_LEADER, service_centre=september.commune_centre
    )
    former = User.objects.create(username="cu", kind=AccountKind.STAFF, email="cu@example.vn")
    RoleAssignment.objects.create(
        user=former, role=Role.STEERING_MEMBER, valid_to=datetime(2025, 6, 30).date()
    )
    gone = User.objects.create(
        username="nghi", kind=AccountKind.STAFF, email="nghi@example.vn", is_active=False
    )
    RoleAssignment.objects.create(user=gone, role=Role.STEERING_MEMBER)
    # when the monthly reports are mailed without naming a month
    out, _err = mail_monthly()
    # then September's report went to each leader, and to no handler, intake officer or admin
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        f"{name}@example.vn" for name in [*LEADERS, "bcd", "gd"]
    )
    assert "2025-09: 5 sent" in out
    assert all("09/2025" in message.subject for message in mail.outbox)
    assert MonthlyReportDelivery.objects.filter(month=Month.parse(SEPTEMBER).first_day).count() == 5


def test_a_unit_leader_gets_only_their_agencys_figures(september: World) -> None:
    # when the reports are mailed
    mail_monthly("--month", SEPTEMBER)
    # then the commune's leader reads the commune's row only, the construction department's
    # leader only the department's
    commune = sent_to("chutich.xa")
    assert xlsx_names(attachment(commune, ".xlsx")) == [september.commune.name, "Tổng cộng"]
    construction = sent_to("lanhdao.xd")
    assert xlsx_names(attachment(construction, ".xlsx")) == [
        september.construction.name,
        "Tổng cộng",
    ]


def test_a_province_leader_gets_every_agency(september: World) -> None:
    # given a steering committee member (the whole province)
    steering = User.objects.create(username="bcd", kind=AccountKind.STAFF, email="bcd@example.vn")
    RoleAssignment.objects.create(user=steering, role=Role.STEERING_MEMBER)
    # when the reports are mailed
    mail_monthly("--month", SEPTEMBER)
    # then both agencies with dossiers are rows of the form
    names = xlsx_names(attachment(sent_to("bcd"), ".xlsx"))
    assert names == [*sorted([september.commune.name, september.construction.name]), "Tổng cộng"]


def test_the_attachments_open_and_name_the_unit(
    september: World, pdf_text: Callable[[bytes], str]
) -> None:
    # when the reports are mailed
    mail_monthly("--month", SEPTEMBER)
    message = sent_to("chutich.xa")
    # then the workbook opens with the form's title and the PDF shows the commune's name
    workbook = load_workbook(io.BytesIO(attachment(message, ".xlsx")))
    assert "II.06a" in str(workbook.active["A2"].value)
    pdf = attachment(message, ".pdf")
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert "Ủy ban nhân dân phường Nha Trang".upper() in text.upper()
    assert "01/09/2025" in text
    assert "30/09/2025" in text


def test_the_body_gives_the_headline_figures_in_vietnamese(september: World, settings: Any) -> None:
    # given the site's public address
    settings.PUBLIC_BASE_URL = "https://dichvucong.example.vn/"
    # when the reports are mailed
    mail_monthly("--month", SEPTEMBER)
    # then the commune's leader reads one received, 100% on time, none overdue, and the link
    body = sent_to("chutich.xa").body
    assert "Kính gửi Ông/Bà Ngô Sơn" in body
    assert "Số hồ sơ tiếp nhận trong tháng: 1" in body
    assert "100.0% trong tổng số 1" in body
    assert "quá hạn cuối tháng: 0" in body
    assert "hài lòng" not in body  # nobody rated a dossier
    assert "https://dichvucong.example.vn/backoffice/chi-so/?year=2025" in body
    assert "&amp;" not in body


def test_satisfaction_is_given_once_dossiers_are_rated(world: World, clock: FrozenClock) -> None:
    # given two commune dossiers of September returned, one rated dissatisfied
    returned_dossier(world)
    rated = returned_dossier(world)
    rate_dossier(
        dossier=rated,
        answers=all_answers(Answer.DISSATISFIED),
        channel=RatingChannel.PORTAL,
    )
    clock.set(datetime(2025, 10, 1, 7, tzinfo=VIETNAM))
    mail.outbox.clear()
    # when the reports are mailed
    mail_monthly("--month", SEPTEMBER)
    # then the commune's leader reads indicator 5.4: 2 in time, 1 disliked, of 2
    assert "Mức độ hài lòng (chỉ số 5.4): 50.0%" in sent_to("chutich.xa").body


def test_a_second_run_sends_nobody_the_same_month_again(september: World) -> None:
    # given September already mailed
    mail_monthly("--month", SEPTEMBER)
    mail.outbox.clear()
    # when the command runs again
    out, _err = mail_monthly("--month", SEPTEMBER)
    # then nobody gets it twice, and the run says so
    assert mail.outbox == []
    assert "3 already_sent" in out


def test_force_sends_again_and_counts_the_sends(september: World) -> None:
    # given September already mailed
    mail_monthly("--month", SEPTEMBER)
    mail.outbox.clear()
    # when the command is forced
    mail_monthly("--month", SEPTEMBER, "--force")
    # then every leader gets it again and the record counts two sends
    assert len(mail.outbox) == 3
    assert set(MonthlyReportDelivery.objects.values_list("sends", flat=True)) == {2}


def test_a_dry_run_sends_and_records_nothing(september: World) -> None:
    # when the command runs dry
    out, _err = mail_monthly("--month", SEPTEMBER, "--dry-run")
    # then nothing is sent or recorded, and the leaders who would receive it are named
    assert mail.outbox == []
    assert not MonthlyReportDelivery.objects.exists()
    assert all(f"would_send: {name}" in out for name in LEADERS)


def test_a_leader_without_an_email_address_is_reported_and_the_others_served(
    september: World,
) -> None:
    # given the police leader has no e-mail address
    User.objects.filter(pk=september.police_leader.pk).update(email="")
    # when the reports are mailed
    _out, err = mail_monthly("--month", SEPTEMBER)
    # then the run names that leader and the two others got theirs
    assert "no_email: lanhdao.ca" in err
    assert len(mail.outbox) == 2
    assert not MonthlyReportDelivery.objects.filter(recipient=september.police_leader).exists()


def test_one_leaders_failure_does_not_stop_the_others(
    september: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given building the construction leader's form fails
    issuer = mailing.leader_issuer

    def failing(*, leader: Any, on: Any) -> Any:
        if leader.username == "lanhdao.xd":
            raise RuntimeError("the PDF renderer is gone")
        return issuer(leader=leader, on=on)

    monkeypatch.setattr(mailing, "leader_issuer", failing)
    err = io.StringIO()
    # when the reports are mailed
    with pytest.raises(CommandError, match="1 leader"):
        call_command("reports", "mail-monthly", "--month", SEPTEMBER, stderr=err, stdout=err)
    # then the others got theirs, the failure is named, and a re-run would retry only it
    assert len(mail.outbox) == 2
    assert "failed: lanhdao.xd (RuntimeError: the PDF renderer is gone)" in err.getvalue()
    assert MonthlyReportDelivery.objects.count() == 2


@pytest.mark.parametrize("month", ["2025-13", "09/2025", "2025-9x"])
def test_a_malformed_month_is_refused_clearly(world: World, month: str) -> None:
    # when the month is not YYYY-MM
    # then the command says the expected form, in Vietnamese and English
    with pytest.raises(CommandError, match="YYYY-MM"):
        mail_monthly("--month", month)


def test_a_month_not_begun_is_refused(world: World) -> None:
    # when the month lies in the future (the world's clock is in September 2025)
    # then nothing is sent
    with pytest.raises(CommandError, match="not begun"):
        mail_monthly("--month", "2026-01")
    assert mail.outbox == []
