from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.organizations.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_units_load_loads_the_configured_province() -> None:
    # when the command runs without arguments (PROVINCE_CODE is 56)
    out = StringIO()
    call_command("units", "load", stdout=out)

    # then Khánh Hòa is loaded and the counts are printed
    assert AdministrativeUnit.objects.filter(code="56").count() == 2
    assert "281 created" in out.getvalue()


def test_units_load_refuses_an_unknown_province() -> None:
    with pytest.raises(CommandError, match="57"):
        call_command("units", "load", "--province", "57")
