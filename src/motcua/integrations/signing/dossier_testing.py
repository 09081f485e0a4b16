"""Fixtures for tests that sign dossiers' results in the dossier tests' small province.

Import them next to the world's: `from motcua.integrations.signing.dossier_testing import *
# noqa: F403`. The world's clock is frozen on a Tuesday of September 2025, so the keys come
from a test CA whose certificates are valid from the day before for two years: frozen tests
and tools that read the real time (pdfsig) both accept them.
"""

from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import START
from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.pades import PadesSigner
from motcua.results.models import ResultDraft, ResultTemplate
from motcua.results.services import (
    draft_result_for_dossier,
    publish_result_template,
    review_result_draft,
    sign_and_approve_result,
)
from motcua.results.testing import PASSPHRASE, SigningKit

__all__ = [
    "commune_signer",
    "ready_dossier",
    "result_template",
    "reviewed_draft",
    "signed_dossier",
    "world_kit",
]

# The result type code of the world's catalog (catalog.tests.documents.ProcedureData).
WORLD_RESULT_TYPE = "KQ.HT.01"
TEMPLATE_BODY = (
    "<h1>{{ result_name|upper }}</h1><p>Cấp cho: {{ holder_name }}</p>"
    "<p>Hồ sơ số {{ dossier_code }}, tiếp nhận ngày {{ received_on }}.</p>"
)


@pytest.fixture(scope="session")
def world_kit() -> SigningKit:
    with mock.patch.object(timezone, "now", return_value=START):
        return SigningKit.create(name="motcua TEST Root CA (2025)")


@pytest.fixture
def result_template(world: Any) -> ResultTemplate:
    return publish_result_template(
        administrator=None,
        code="giay-xac-nhan",
        title="Giấy xác nhận",
        result_type_code=WORLD_RESULT_TYPE,
        body=TEMPLATE_BODY,
        effective_from=date(2025, 7, 1),
    )


@pytest.fixture
def commune_signer(world: Any, world_kit: SigningKit) -> PadesSigner:
    """The commune chairman's key, unlocked; the test CA trusted, its time-stamping key kept."""
    world_kit.install()
    credential = world_kit.register_personal(
        user=world.commune_leader, position_title="Chủ tịch UBND phường Nha Trang"
    )
    return unlock_signer(credential=credential, passphrase=PASSPHRASE)


@pytest.fixture
def ready_dossier(world: Any) -> Dossier:
    """A commune dossier whose handling step is done: only the leader's approval is left."""
    dossier: Dossier = DossierFactory(world=world, processing=True)  # type: ignore[assignment]
    dossier_services.complete_step(officer=world.commune_handler, dossier=dossier)
    return dossier


@pytest.fixture
def reviewed_draft(world: Any, ready_dossier: Dossier, result_template: Any) -> ResultDraft:
    draft = draft_result_for_dossier(officer=world.commune_handler, dossier=ready_dossier)
    return review_result_draft(reviewer=world.commune_handler, draft=draft)


@pytest.fixture
def signed_dossier(
    world: Any, ready_dossier: Dossier, reviewed_draft: ResultDraft, commune_signer: PadesSigner
) -> Dossier:
    """The ready dossier, its result signed by the chairman and approved (status 9)."""
    sign_and_approve_result(
        leader=world.commune_leader,
        dossier=ready_dossier,
        draft=reviewed_draft,
        signer=commune_signer,
    )
    return ready_dossier
