"""A dossier's result: drafted from its procedure's template, then signed and approved at once."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage

from motcua.audit.models import AuditEntry
from motcua.core.events import subscribe, unsubscribe
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.errors import Conflict
from motcua.dossiers.events import ResultApproved
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.integrations.signing.dossier_testing import *  # noqa: F403
from motcua.integrations.signing.dossier_testing import WORLD_RESULT_TYPE
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import pdf_text
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.choices import DraftStatus
from motcua.results.errors import CredentialExpired, CredentialNotUsable, ResultRefused
from motcua.results.events import ResultIssued
from motcua.results.models import EResult, ResultDraft
from motcua.results.queries import (
    get_current_result_for_dossier,
    read_result_file,
    with_has_e_result,
)
from motcua.results.services import (
    draft_result_for_dossier,
    publish_result_template,
    review_result_draft,
    sign_and_approve_result,
    sign_decided_result,
)
from motcua.results.testing import PASSPHRASE


def _stored_results() -> set[str]:
    if not default_storage.exists("results"):
        return set()
    return set(default_storage.listdir("results")[1])


def test_a_draft_is_filled_from_the_dossier_with_its_procedures_template(
    world: Any, ready_dossier: Dossier, result_template: Any, tmp_path: Path
) -> None:
    # when the handler drafts the result of a dossier in processing
    draft = draft_result_for_dossier(officer=world.commune_handler, dossier=ready_dossier)
    # then the draft is the procedure's template filled from the dossier, linked to it
    with draft.file.open("rb") as handle:
        text = pdf_text(handle.read(), folder=tmp_path)
    assert "Cấp cho: Trần Thị Hoa" in text
    assert ready_dossier.code in text
    assert draft.dossier == ready_dossier
    assert draft.type_code == WORLD_RESULT_TYPE
    assert draft.holder_id_number == ready_dossier.applicant_id_number
    assert draft.title == "Giấy xác nhận"


def test_a_procedure_without_a_template_of_its_own_takes_the_general_template(
    world: Any, ready_dossier: Dossier
) -> None:
    # given only the general template
    publish_result_template(
        administrator=None,
        code="ket-qua-giai-quyet",
        title="Kết quả giải quyết",
        result_type_code="KQ",
        body="<p>{{ holder_name }}</p>",
        effective_from=dt.date(2025, 7, 1),
    )
    # when a result is drafted
    draft = draft_result_for_dossier(officer=world.commune_handler, dossier=ready_dossier)
    # then the general template is used and the type code is still the template's
    assert draft.template is not None
    assert draft.template.code == "ket-qua-giai-quyet"


def test_without_any_template_drafting_asks_for_an_upload(
    world: Any, ready_dossier: Dossier
) -> None:
    with pytest.raises(ResultRefused) as refused:
        draft_result_for_dossier(officer=world.commune_handler, dossier=ready_dossier)
    assert refused.value.code == "no_result_template"
    assert "tải lên" in refused.value.message_vi


def test_a_dossier_not_in_processing_gets_no_draft(world: Any, result_template: Any) -> None:
    # given a dossier just received (not yet with the handling agency)
    dossier = DossierFactory(world=world)
    with pytest.raises(ResultRefused) as refused:
        draft_result_for_dossier(officer=world.commune_handler, dossier=dossier)
    assert refused.value.code == "dossier_not_in_processing"
    assert not ResultDraft.objects.exists()


def test_an_officer_of_another_agency_may_not_draft(
    world: Any, ready_dossier: Dossier, result_template: Any
) -> None:
    with pytest.raises(CredentialNotUsable) as refused:
        draft_result_for_dossier(officer=world.outsider, dossier=ready_dossier)
    assert refused.value.code == "not_allowed_to_draft"


def test_signing_approves_the_dossier_with_its_signed_result(
    world: Any, ready_dossier: Dossier, reviewed_draft: ResultDraft, commune_signer: Any
) -> None:
    # when the chairman signs the reviewed draft
    result = sign_and_approve_result(
        leader=world.commune_leader,
        dossier=ready_dossier,
        draft=reviewed_draft,
        signer=commune_signer,
    )
    # then the dossier is in status 9 with the signed result linked to it
    dossier = Dossier.objects.get(pk=ready_dossier.pk)
    assert dossier.status == DossierStatus.RESULT_READY
    assert dossier.national_status_code == 9
    assert dossier.result_summary == "Giấy xác nhận"
    assert get_current_result_for_dossier(dossier=dossier) == result
    assert result.dossier_code == dossier.code
    assert ResultDraft.objects.get(pk=reviewed_draft.pk).status == DraftStatus.SIGNED
    verdict = verify_pdf(pdf=read_result_file(result=result))
    assert verdict.intact
    assert verdict.trusted
    assert verdict.signer == "Ngô Sơn"


def test_has_e_result_is_derived_from_the_store(
    world: Any, signed_dossier: Dossier, ready_dossier: Dossier
) -> None:
    # given one dossier with a signed result and one without
    other = DossierFactory(world=world, processing=True)
    # then the annotation tells them apart (indicator 4.1)
    flags = dict(
        with_has_e_result(Dossier.objects.filter(pk__in=[signed_dossier.pk, other.pk])).values_list(
            "pk", "has_e_result"
        )
    )
    assert flags == {signed_dossier.pk: True, other.pk: False}


def test_signing_writes_the_result_and_approval_audit_rows_and_events_after_commit(
    world: Any,
    ready_dossier: Dossier,
    reviewed_draft: ResultDraft,
    commune_signer: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    heard: list[Any] = []
    subscribe(ResultIssued, heard.append)
    subscribe(ResultApproved, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sign_and_approve_result(
                leader=world.commune_leader,
                dossier=ready_dossier,
                draft=reviewed_draft,
                signer=commune_signer,
            )
            # nothing is heard before the commit
            assert heard == []
        for callback in callbacks:
            callback()
    finally:
        unsubscribe(ResultIssued, heard.append)
        unsubscribe(ResultApproved, heard.append)
    assert {type(event) for event in heard} == {ResultIssued, ResultApproved}
    issued = AuditEntry.objects.get(action="result.issued")
    assert issued.after["dossier_code"] == ready_dossier.code
    assert AuditEntry.objects.filter(action__contains="approve").exists()


def test_an_expired_key_signs_nothing_and_leaves_the_dossier_as_it_was(
    world: Any, world_kit: Any, ready_dossier: Dossier, reviewed_draft: ResultDraft, clock: Any
) -> None:
    # given the chairman's key, valid when unlocked, expired by the time of signing
    world_kit.install()
    credential = world_kit.register_personal(user=world.commune_leader)
    signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)
    clock.advance(days=800)
    before = _stored_results()
    # when the chairman signs
    with pytest.raises(CredentialExpired) as refused:
        sign_and_approve_result(
            leader=world.commune_leader, dossier=ready_dossier, draft=reviewed_draft, signer=signer
        )
    # then a clear error, no result, no file, the dossier still awaiting approval
    assert "Chưa có gì được ký" in refused.value.message_vi
    assert not EResult.objects.exists()
    assert _stored_results() == before
    assert Dossier.objects.get(pk=ready_dossier.pk).status == DossierStatus.PROCESSING
    assert ResultDraft.objects.get(pk=reviewed_draft.pk).status == DraftStatus.REVIEWED


def test_an_approval_refused_after_signing_keeps_neither_result_nor_file(
    world: Any, ready_dossier: Dossier, reviewed_draft: ResultDraft, commune_signer: Any
) -> None:
    # given the page's copy of the dossier went stale: someone attached a document meanwhile
    stale = Dossier.objects.get(pk=ready_dossier.pk)
    dossier_services.attach_documents(
        officer=world.commune_handler,
        dossier=ready_dossier,
        documents=[DocumentInput(title="Biên bản", originals=1)],
    )
    before = _stored_results()
    # when the chairman signs from the stale copy
    with pytest.raises(Conflict):
        sign_and_approve_result(
            leader=world.commune_leader, dossier=stale, draft=reviewed_draft, signer=commune_signer
        )
    # then the signed file is gone with the transaction
    assert not EResult.objects.exists()
    assert _stored_results() == before
    assert ResultDraft.objects.get(pk=reviewed_draft.pk).status == DraftStatus.REVIEWED
    assert Dossier.objects.get(pk=ready_dossier.pk).status == DossierStatus.PROCESSING


def test_a_dossier_with_steps_left_is_refused_before_anything_is_signed(
    world: Any, result_template: Any, commune_signer: Any
) -> None:
    # given a dossier whose handling step is not done; a draft made and reviewed anyway
    dossier = DossierFactory(world=world, processing=True)
    draft = review_result_draft(
        reviewer=world.commune_handler,
        draft=draft_result_for_dossier(officer=world.commune_handler, dossier=dossier),
    )
    with pytest.raises(ResultRefused) as refused:
        sign_and_approve_result(
            leader=world.commune_leader, dossier=dossier, draft=draft, signer=commune_signer
        )
    assert refused.value.code == "dossier_not_ready"
    assert not EResult.objects.exists()


def test_the_draft_of_another_dossier_is_refused(
    world: Any, ready_dossier: Dossier, reviewed_draft: ResultDraft, commune_signer: Any
) -> None:
    other = DossierFactory(world=world, processing=True)
    dossier_services.complete_step(officer=world.commune_handler, dossier=other)
    with pytest.raises(ResultRefused) as refused:
        sign_and_approve_result(
            leader=world.commune_leader, dossier=other, draft=reviewed_draft, signer=commune_signer
        )
    assert refused.value.code == "draft_of_another_dossier"


def test_a_dossier_approved_without_a_result_gets_one_signed_afterwards(
    world: Any, result_template: Any, commune_signer: Any
) -> None:
    # given a dossier approved through the plain approval (no signed result)
    dossier = DossierFactory(world=world, result_ready=True)
    draft = review_result_draft(
        reviewer=world.commune_leader,
        draft=draft_result_for_dossier(officer=world.commune_leader, dossier=dossier),
    )
    # when the chairman signs it
    result = sign_decided_result(
        leader=world.commune_leader, dossier=dossier, draft=draft, signer=commune_signer
    )
    # then the dossier carries it; a second one is refused
    assert get_current_result_for_dossier(dossier=dossier) == result
    with pytest.raises(ResultRefused) as refused:
        draft_result_for_dossier(officer=world.commune_leader, dossier=dossier)
    assert refused.value.code == "dossier_not_in_processing"
