"""The signed result on the dossier page: draft, review, sign (status 9), print; scan signing."""

from typing import Any

from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.core.pdf import render_html_to_pdf
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.integrations.signing.dossier_testing import *  # noqa: F403
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.choices import DraftStatus
from motcua.results.models import EResult, ResultDraft, SigningCredential
from motcua.results.testing import PASSPHRASE


def _url(name: str, dossier: Dossier, **extra: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"code": dossier.code, **extra})


def _said(response: Any) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _sign(client: Any, dossier: Dossier, draft: ResultDraft, passphrase: str) -> Any:
    credential = SigningCredential.objects.get(owner__username="chutich.xa")
    return client.post(
        _url("result-sign", dossier, draft=draft.pk),
        {"credential": credential.pk, "passphrase": passphrase},
    )


def test_the_leader_signs_from_the_page_and_the_dossier_reaches_status_9(
    sign_in: Any,
    world: Any,
    ready_dossier: Dossier,
    reviewed_draft: ResultDraft,
    commune_signer: Any,
) -> None:
    client = sign_in(world.commune_leader)
    # given the page offers the leader the signature of the reviewed draft
    page = client.get(_url("dossier", ready_dossier))
    assert page.context["sign_form"] is not None
    assert _url("result-sign", ready_dossier, draft=reviewed_draft.pk) in page.content.decode()
    # when the leader signs with the key's passphrase
    response = _sign(client, ready_dossier, reviewed_draft, PASSPHRASE)
    # then the dossier is approved with its signed result, which the page shows
    assert response.status_code == 302
    assert Dossier.objects.get(pk=ready_dossier.pk).status == DossierStatus.RESULT_READY
    result = EResult.objects.get(dossier=ready_dossier)
    page = client.get(_url("dossier", ready_dossier))
    assert result.verification_code in page.content.decode()
    assert verify_pdf(pdf=client.get(_url("dossier-result", ready_dossier)).content).intact


def test_a_wrong_passphrase_is_said_clearly_and_nothing_is_signed(
    sign_in: Any,
    world: Any,
    ready_dossier: Dossier,
    reviewed_draft: ResultDraft,
    commune_signer: Any,
) -> None:
    client = sign_in(world.commune_leader)
    response = _sign(client, ready_dossier, reviewed_draft, "not-the-passphrase")
    assert "Mật khẩu của khóa ký không đúng" in _said(response)
    assert not EResult.objects.exists()
    assert Dossier.objects.get(pk=ready_dossier.pk).status == DossierStatus.PROCESSING


def test_the_passphrase_is_kept_nowhere(
    sign_in: Any,
    world: Any,
    ready_dossier: Dossier,
    reviewed_draft: ResultDraft,
    commune_signer: Any,
) -> None:
    client = sign_in(world.commune_leader)
    _sign(client, ready_dossier, reviewed_draft, PASSPHRASE)
    page = client.get(_url("dossier", ready_dossier)).content.decode()
    audit = " ".join(str(entry.before) + str(entry.after) for entry in AuditEntry.objects.all())
    assert PASSPHRASE not in page
    assert PASSPHRASE not in audit


def test_the_handler_drafts_previews_and_reviews_the_result(
    sign_in: Any, world: Any, ready_dossier: Dossier, result_template: Any
) -> None:
    client = sign_in(world.commune_handler)
    # when the handler drafts the result from the template
    client.post(_url("result-draft", ready_dossier))
    draft = ResultDraft.objects.get(dossier=ready_dossier)
    # then the draft opens as PDF, and marking it reviewed makes it ready for signature
    preview = client.get(_url("result-draft-pdf", ready_dossier, draft=draft.pk))
    assert preview["Content-Type"] == "application/pdf"
    client.post(_url("result-review", ready_dossier, draft=draft.pk))
    assert ResultDraft.objects.get(pk=draft.pk).status == DraftStatus.REVIEWED


def test_an_uploaded_result_that_is_not_a_pdf_is_refused(
    sign_in: Any, world: Any, ready_dossier: Dossier
) -> None:
    client = sign_in(world.commune_handler)
    upload = ContentFile(b"not a pdf at all", name="ket-qua.pdf")
    response = client.post(_url("result-upload", ready_dossier), {"file": upload})
    assert response.status_code == 302
    assert _said(response)
    assert not ResultDraft.objects.exists()


def test_the_intake_officer_prints_the_signed_result_at_return(
    sign_in: Any, world: Any, signed_dossier: Dossier
) -> None:
    client = sign_in(world.commune_intake)
    page = client.get(_url("dossier", signed_dossier))
    assert page.context["print_result"]
    assert _url("dossier-result", signed_dossier) in page.content.decode()
    assert client.get(_url("dossier-result", signed_dossier))["Content-Type"] == "application/pdf"


def test_officers_out_of_scope_get_404_for_the_signed_result(
    sign_in: Any, world: Any, signed_dossier: Dossier
) -> None:
    assert sign_in(world.outsider).get(_url("dossier-result", signed_dossier)).status_code == 404


def test_the_intake_officer_batch_signs_the_scans_from_the_page(
    sign_in: Any, world: Any, world_kit: Any
) -> None:
    # given a dossier with two scans made at intake and the officer's key
    from motcua.dossiers.tests.factories import DossierFactory

    world_kit.install()
    credential = world_kit.register_personal(user=world.commune_intake)
    dossier = DossierFactory(world=world)
    dossier_services.attach_documents(
        officer=world.commune_intake,
        dossier=dossier,
        documents=[
            DocumentInput(
                title=f"Bản quét {number}",
                file=ContentFile(render_html_to_pdf(html=f"<p>{number}</p>"), name=f"{number}.pdf"),
                digitised_at_intake=True,
            )
            for number in range(2)
        ],
    )
    scans = list(dossier.documents.filter(title__startswith="Bản quét").order_by("pk"))
    client = sign_in(world.commune_intake)
    assert client.get(_url("dossier", dossier)).context["scan_form"] is not None
    # when the officer signs both
    response = client.post(
        _url("sign-scans", dossier),
        {
            "documents": [scan.pk for scan in scans],
            "credential": credential.pk,
            "passphrase": PASSPHRASE,
        },
    )
    # then signed copies join the dossier, intact
    copies = list(dossier.documents.filter(title__endswith="(bản ký số)"))
    assert len(copies) == 2, _said(response)
    with copies[0].file.open("rb") as handle:
        assert verify_pdf(pdf=handle.read()).intact
