from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from motcua.core.clock import VIETNAM
from motcua.documents.tests.conftest import pdf_text, pdf_tools  # noqa: F401
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import (  # noqa: F401
    World,
    clock,
    fresh_intake_references,
    world,
)
from motcua.reports.rollups import refresh_dossier


def vietnam(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


@pytest.fixture
def acted(django_capture_on_commit_callbacks: Any) -> Callable[..., Dossier]:
    """Make a dossier through the services with its events delivered (facts kept)."""

    def make(place: World, **traits: Any) -> Dossier:
        with django_capture_on_commit_callbacks(execute=True):
            return DossierFactory(world=place, **traits)

    return make


@pytest.fixture
def rewritten() -> Callable[..., Dossier]:
    """Give a dossier another history (moments, status, supplements) and refresh its facts,
    as if its events had come in over past months."""

    def rewrite(dossier: Dossier, **values: Any) -> Dossier:
        moments = {
            name: vietnam(value) if name.endswith("_at") else value
            for name, value in values.items()
        }
        Dossier.objects.filter(pk=dossier.pk).update(**moments)
        refresh_dossier(dossier_id=dossier.pk)
        dossier.refresh_from_db()
        return dossier

    return rewrite
