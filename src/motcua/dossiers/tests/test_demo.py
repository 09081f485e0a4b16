import pytest

from motcua.catalog import demo as catalog_demo
from motcua.dossiers import demo
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.organizations import demo as organization_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_holds_dossiers_in_every_status_and_loads_once():
    # given the demo province and catalog
    lines: list[str] = []
    organization_demo.load(out=lines.append)
    catalog_demo.load(out=lines.append)
    # when the demo dossiers are loaded twice
    demo.load(out=lines.append)
    count = Dossier.objects.count()
    demo.load(out=lines.append)
    # then every national status is there, at provincial and commune agencies, once
    assert set(Dossier.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    assert Dossier.objects.count() == count
    levels = set(Dossier.objects.values_list("agency__level__code", flat=True))
    assert levels == {"province", "commune"}
    assert Dossier.objects.values("agency").distinct().count() >= 3
    assert lines[-1].endswith("demo dossiers already there")
