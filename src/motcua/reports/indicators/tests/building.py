"""Hand-built dossiers for the indicator tests, made through the dossier services.

The world's clock starts on Tuesday 16 Sep 2025 at 09:00; the commune procedure takes 3
working days (due Friday 19 Sep 09:00), the provincial one 15 working days.
"""

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from motcua.catalog.services import import_catalog
from motcua.catalog.tests.documents import (
    ProcedureData,
    VariantData,
    as_bytes,
    catalog_document,
)
from motcua.core.clock import VIETNAM
from motcua.dossiers import services
from motcua.dossiers.choices import Channel
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    REQUIRED_CODES,
    advance,
    handler_of,
    intake_request,
    leader_of,
)
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE, ONLINE_PROCEDURE, World
from motcua.reports.indicators.scope import Scope
from motcua.results.models import EResult

SEPTEMBER = Scope(start=date(2025, 9, 1), end=date(2025, 9, 30))
OCTOBER = Scope(start=date(2025, 10, 1), end=date(2025, 10, 31))
OFFLINE_PROCEDURE = "1.000005.H34"  # commune, not online, fee-bearing, steps and result unpublished


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def offline_procedure(world: World) -> str:
    """A fifth procedure: commune level, land sector, offline, a fee, two parts unpublished."""
    procedure = ProcedureData(
        code=OFFLINE_PROCEDURE,
        name="Xác nhận nguồn gốc đất",
        sector="DDAI",
        steps_description="",
        result={"name": "", "code": ""},
        variants=[
            VariantData(
                online_level="none",
                fees=[{"kind": "fee", "name": "Phí", "amount_vnd": 50000, "legal_basis": ""}],
            )
        ],
    )
    import_catalog(raw=as_bytes(catalog_document(procedure)), source_name="extra.json")
    return OFFLINE_PROCEDURE


def receive(world: World, *, procedure: str = COMMUNE_PROCEDURE, documents: Any = None) -> Dossier:
    """A dossier received at the counter now (commune centre for the commune procedure)."""
    provincial = procedure not in (COMMUNE_PROCEDURE, OFFLINE_PROCEDURE, "1.000003.H34")
    centre = world.province_centre if provincial else world.commune_centre
    officer = world.intake if provincial else world.commune_intake
    return services.receive_dossier(
        officer=officer,
        request=intake_request(world, procedure=procedure, centre=centre, documents=documents),
    )


def receive_online(world: World, *, accept: bool = True) -> Dossier:
    """An application for the online procedure submitted on the portal, accepted or not."""
    dossier = services.submit_application(
        request=intake_request(
            world, procedure=ONLINE_PROCEDURE, centre=world.province_centre, channel=Channel.ONLINE
        )
    )
    if accept:
        services.accept_application(officer=world.intake, dossier=dossier)
    return dossier


def settle(world: World, dossier: Dossier) -> Dossier:
    """Every step done and the result approved now."""
    intake = (
        world.commune_intake if dossier.service_centre == world.commune_centre else world.intake
    )
    if dossier.status == "received":
        return advance(world, dossier, "result_ready", intake=intake)
    services.complete_step(officer=handler_of(world, dossier), dossier=dossier)
    return services.approve_result(officer=leader_of(world, dossier), dossier=dossier)


def scanned(code: str) -> DocumentInput:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return DocumentInput(
        code=code,
        originals=1,
        file=ContentFile(buffer.getvalue(), name=f"{code}.png"),
        digitised_at_intake=True,
    )


def paper(code: str, *, reused: bool = False) -> DocumentInput:
    return DocumentInput(code=code, originals=1, reused=reused)


def commune_papers(*, reused: bool = False) -> list[DocumentInput]:
    first, second = REQUIRED_CODES[COMMUNE_PROCEDURE]
    return [paper(first, reused=reused), paper(second)]


def issue_e_result(world: World, dossier: Dossier) -> EResult:
    """The signed e-result as the results app stores it (the signature itself is not needed)."""
    return EResult.objects.create(
        file=f"results/{dossier.pk}.pdf",
        original_name="ket-qua.pdf",
        kind="pdf",
        mime_type="application/pdf",
        size_bytes=1000,
        sha256="0" * 64,
        title="Giấy khai sinh",
        verification_code=f"V{dossier.pk:07d}",
        e_result_code=f"056190001234.KQ{dossier.pk}",
        dossier=dossier,
        signed_by=world.commune_leader,
        signer_name="Ngô Sơn",
        signer_certificate_sha256="1" * 64,
        signed_at=dossier.decided_at,
    )
