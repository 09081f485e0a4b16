"""Dossiers for tests, made through the services so audit rows, events and steps are real.

`DossierFactory(world=world)` receives a commune dossier at the commune centre; traits move it
on: `processing=True`, `awaiting_supplement=True`, `result_ready=True`, `overdue=True`.
"""

from datetime import timedelta
from typing import Any

import factory

from motcua.dossiers import services
from motcua.dossiers.choices import Channel
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE, World

REQUIRED_CODES = {
    COMMUNE_PROCEDURE: ("TP01", "TP02"),
    "1.000002.H34": ("XD01",),
    "1.000003.H34": ("LT01",),
    "1.000004.H34": ("VT01",),
}


def intake_request(
    world: World,
    *,
    procedure: str = COMMUNE_PROCEDURE,
    centre: Any = None,
    channel: int = Channel.COUNTER,
    documents: Any = None,
    **overrides: Any,
) -> services.IntakeRequest:
    centre = centre or world.commune_centre
    papers = documents
    if papers is None:
        papers = [DocumentInput(code=code, originals=1) for code in REQUIRED_CODES[procedure]]
    values: dict[str, Any] = {
        "service_centre_code": centre.code,
        "procedure_code": procedure,
        "channel": channel,
        "applicant": services.ApplicantDetails(
            name="Trần Thị Hoa",
            id_number="056190001234",
            address="12 Trần Phú, phường Nha Trang",
            phone="0912345678",
            email="hoa@example.vn",
        ),
        "documents": papers,
    }
    values.update(overrides)
    return services.IntakeRequest(**values)


class DossierFactory(factory.Factory):
    """A received dossier moved on to the state its traits name."""

    class Meta:
        model = Dossier

    world: Any = None
    procedure = COMMUNE_PROCEDURE
    target = "received"

    class Params:
        processing = factory.Trait(target="processing")
        awaiting_supplement = factory.Trait(target="awaiting_supplement")
        result_ready = factory.Trait(target="result_ready")
        overdue = factory.Trait(target="overdue")

    @classmethod
    def _create(cls, model_class: type[Dossier], *args: Any, **kwargs: Any) -> Dossier:
        world: World = kwargs["world"]
        procedure = kwargs["procedure"]
        centre = world.commune_centre if procedure == COMMUNE_PROCEDURE else world.province_centre
        intake = world.commune_intake if centre == world.commune_centre else world.intake
        dossier = services.receive_dossier(
            officer=intake, request=intake_request(world, procedure=procedure, centre=centre)
        )
        return advance(world, dossier, kwargs["target"], intake=intake)

    @classmethod
    def _build(cls, model_class: type[Dossier], *args: Any, **kwargs: Any) -> Dossier:
        return cls._create(model_class, *args, **kwargs)


def handler_of(world: World, dossier: Dossier) -> Any:
    return {
        world.commune.pk: world.commune_handler,
        world.construction.pk: world.construction_handler,
        world.police.pk: world.police_handler,
    }[dossier.current_agency_id]


def leader_of(world: World, dossier: Dossier) -> Any:
    return {
        world.commune.pk: world.commune_leader,
        world.construction.pk: world.construction_leader,
        world.police.pk: world.police_leader,
    }[dossier.current_agency_id]


def advance(world: World, dossier: Dossier, target: str, *, intake: Any) -> Dossier:
    if target == "received":
        return dossier
    services.complete_step(officer=intake, dossier=dossier)
    if target == "processing":
        return dossier
    if target == "awaiting_supplement":
        return services.request_supplement(
            officer=handler_of(world, dossier), dossier=dossier, items=["Bản sao giấy chứng sinh"]
        )
    if target == "overdue":
        # Received two weeks ago, due an hour ago.
        assert dossier.received_at is not None
        Dossier.objects.filter(pk=dossier.pk).update(
            received_at=dossier.received_at - timedelta(days=14),
            due_at=dossier.received_at - timedelta(hours=1),
        )
        dossier.refresh_from_db()
        return dossier
    services.complete_step(officer=handler_of(world, dossier), dossier=dossier)
    return services.approve_result(officer=leader_of(world, dossier), dossier=dossier)
