"""In the demo, every dossier in status 9 or 10 carries a signed result that verifies intact."""

import pytest

from motcua.demo.steps import load_demo
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.models import EResult
from motcua.results.queries import get_current_result_for_dossier, read_result_file

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DECIDED = [DossierStatus.RESULT_READY, DossierStatus.RETURNED]


def test_every_decided_demo_dossier_has_an_intact_signed_result_and_a_reload_signs_nothing():
    # given the demo loaded
    lines: list[str] = []
    load_demo(out=lines.append)
    decided = list(Dossier.objects.filter(status__in=DECIDED).select_related("agency"))
    issued = EResult.objects.count()
    # when it is loaded again
    load_demo(out=lines.append)
    # then every decided dossier (both statuses present) has one signed result, intact and
    # trusted, signed by a leader of its agency under the marked test CA; nothing new is signed
    assert {dossier.status for dossier in decided} == set(DECIDED)
    for dossier in decided:
        result = get_current_result_for_dossier(dossier=dossier)
        verdict = verify_pdf(pdf=read_result_file(result=result))
        assert verdict.intact, dossier.code
        assert verdict.trusted, dossier.code
        assert verdict.test_authority
        assert verdict.signer == result.signer_name
        assert result.seal_name
    assert EResult.objects.count() == issued == len(decided)
    assert lines[-1].startswith("signed results: 0 signed now")
