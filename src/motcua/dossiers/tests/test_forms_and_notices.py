from datetime import datetime
from io import BytesIO

import pytest
from django.core import mail
from django.test import TestCase
from openpyxl import load_workbook

from motcua.core.clock import VIETNAM
from motcua.deadlines.queries import report_due_moment_changes
from motcua.dossiers import forms, services
from motcua.dossiers.choices import Channel
from motcua.dossiers.due_moments import DossierDueMoments
from motcua.dossiers.forms import FormNotApplicable
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory, intake_request
from motcua.dossiers.tests.world import ONLINE_PROCEDURE, PROVINCIAL_PROCEDURE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received_at", "due_at"),
    [
        # 3 working days from Friday 29/08/2025 skip the weekend and National Day (1–2 Sep)
        (datetime(2025, 8, 29, 9, tzinfo=VIETNAM), datetime(2025, 9, 5, 9, tzinfo=VIETNAM)),
        # received after office hours: the clock starts at Wednesday's opening, 24 working
        # hours end with Friday's office hours
        (datetime(2025, 9, 16, 18, tzinfo=VIETNAM), datetime(2025, 9, 19, 17, tzinfo=VIETNAM)),
        # received on a Saturday: the clock starts on Monday
        (datetime(2025, 9, 20, 9, tzinfo=VIETNAM), datetime(2025, 9, 24, 17, tzinfo=VIETNAM)),
    ],
)
def test_receipt_due_moment_follows_the_working_calendar(world, clock, received_at, due_at):
    clock.set(received_at)
    dossier = services.receive_dossier(officer=world.commune_intake, request=intake_request(world))
    assert dossier.due_at == due_at


def test_control_slip_lists_every_handover_with_its_timeliness(world, clock, pdf_text):
    dossier = DossierFactory(world=world, processing=True)
    clock.set(datetime(2025, 9, 25, 9, tzinfo=VIETNAM))  # the appraisal step is late
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    context = forms.control_slip_context(dossier)
    # the commune's appraisal (due Wed 17/09 17:00) finished on 25/09; the leader's is open
    assert [row.timeliness for row in context.handovers] == ["late", None]
    text = pdf_text(forms.render_dossier_form(dossier=dossier, form="control-slip"))
    assert dossier.code in text
    assert "Quá hạn" in text


@pytest.mark.parametrize(
    ("make", "form", "expected"),
    [
        ("awaiting_supplement", "supplement-request", "Bản sao giấy chứng sinh"),
        ("refused", "refusal", "Không đủ điều kiện"),
        ("withdrawn", "stop-notice", "Đơn xin rút"),
        ("extended", "extension", "Chờ ý kiến"),
    ],
)
def test_each_form_prints_the_dossier_facts(world, pdf_text, make, form, expected):
    dossier = DossierFactory(
        world=world,
        processing=True,
        **({"awaiting_supplement": True} if make == "awaiting_supplement" else {}),
    )
    handler = world.commune_handler
    if make == "refused":
        services.refuse_dossier(officer=handler, dossier=dossier, reasons=["Không đủ điều kiện"])
    elif make == "withdrawn":
        services.withdraw_dossier(officer=handler, dossier=dossier, reason="Đơn xin rút hồ sơ")
    elif make == "extended":
        services.extend_deadline(
            officer=handler,
            dossier=dossier,
            new_due_at=datetime(2025, 9, 24, 16, tzinfo=VIETNAM),
            reason="Chờ ý kiến cơ quan thuế",
        )
    text = pdf_text(forms.render_dossier_form(dossier=dossier, form=form))
    assert dossier.code in text
    assert expected in text


def test_form_the_dossier_has_no_paper_for_is_refused(world):
    dossier = DossierFactory(world=world)
    with pytest.raises(FormNotApplicable):
        forms.render_dossier_form(dossier=dossier, form="extension")


def test_register_lists_the_centres_dossiers_as_xlsx(world):
    first = DossierFactory(world=world)
    second = DossierFactory(world=world, processing=True)
    content = forms.register_xlsx(
        centre=world.commune_centre,
        dossiers=Dossier.objects.filter(service_centre=world.commune_centre).order_by("code"),
        period_from=datetime(2025, 9, 1).date(),
        period_to=datetime(2025, 9, 30).date(),
    )
    sheet = load_workbook(BytesIO(content)).active
    codes = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert first.code in codes
    assert second.code in codes


def test_applicant_is_emailed_on_each_status_change(world):
    with TestCase.captureOnCommitCallbacks(execute=True):
        dossier = services.receive_dossier(
            officer=world.commune_intake, request=intake_request(world)
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.complete_step(officer=world.commune_intake, dossier=dossier)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.assign_handler(
            officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
        )
    # received (2) and processing (4): two mails; the assignment kept the status
    assert [message.to for message in mail.outbox] == [["hoa@example.vn"], ["hoa@example.vn"]]
    assert dossier.code in mail.outbox[0].subject
    assert "056190001234" not in mail.outbox[0].body


def test_intake_officers_are_alerted_of_an_online_dossier(world):
    with TestCase.captureOnCommitCallbacks(execute=True):
        dossier = services.submit_application(
            request=intake_request(
                world,
                procedure=ONLINE_PROCEDURE,
                centre=world.province_centre,
                channel=Channel.ONLINE,
            )
        )
    alerts = [message for message in mail.outbox if message.to == ["tiepnhan@example.vn"]]
    assert len(alerts) == 1
    assert dossier.code in alerts[0].subject


def test_calendar_change_reports_and_moves_open_due_moments(world, clock):
    from motcua.deadlines import engine
    from motcua.deadlines.services import add_calendar_day

    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    before = dossier.due_at
    # when a weekday inside the dossier's time becomes a day off
    add_calendar_day(
        actor=None,
        on=engine.parse_date("2025-09-25"),
        kind="off",
        reason="Nghỉ bù",
        province=None,
    )
    changes = [c for c in report_due_moment_changes() if c.source == "dossiers"]
    # then the dossier is reported, and applying the change moves its due moment a day on
    assert [(c.key, c.due_at) for c in changes] == [(dossier.code, before)]
    DossierDueMoments().apply_due_moment(
        key=dossier.code, due_at=changes[0].recomputed_due_at, actor=None
    )
    dossier.refresh_from_db()
    assert dossier.due_at == datetime(2025, 10, 8, 9, tzinfo=VIETNAM)
