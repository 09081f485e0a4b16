"""Dossiers ready to be rated, made through the dossier services, for this and other apps' tests."""

from typing import Any

from motcua.dossiers import services
from motcua.dossiers.choices import ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.surveys.choices import Answer, Content


def returned_dossier(world: Any, **intake_overrides: Any) -> Dossier:
    """A commune dossier received, processed, approved and returned online (status 10)."""
    from motcua.dossiers.tests.factories import DossierFactory

    dossier: Dossier = DossierFactory(world=world, result_ready=True)  # type: ignore[assignment]
    return services.return_result(
        officer=world.commune_intake, dossier=dossier, method=ReturnMethod.ONLINE
    )


def all_answers(answer: int = Answer.SATISFIED) -> dict[str, int | None]:
    """The same answer for each of the seven contents."""
    return {content.value: int(answer) for content in Content}
