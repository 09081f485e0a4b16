"""Indicators read from the catalog (1.3, 3.1, 3.2, 3.5) on the test province's five procedures:
four published in full and online (commune, provincial partly online, inter-agency, online),
one commune land procedure offline with a fee and two parts unpublished."""

from datetime import date

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE
from motcua.organizations.models import AdministrativeUnit
from motcua.reports.indicators.online_payment_procedures import online_payment_procedures
from motcua.reports.indicators.online_procedures import online_procedures
from motcua.reports.indicators.online_services_used import online_services_used
from motcua.reports.indicators.published_procedures import published_procedures
from motcua.reports.indicators.scope import Scope
from motcua.reports.indicators.tests.building import (
    SEPTEMBER,
    at,
    receive,
    receive_online,
)

pytestmark = pytest.mark.django_db


def pair(result):
    return result.numerator, result.denominator


def test_procedures_missing_a_published_part_are_not_complete(world, offline_procedure):
    assert pair(published_procedures(scope=SEPTEMBER)) == (4, 5)


def test_procedures_not_yet_in_force_are_not_counted(world, offline_procedure):
    # the catalog's versions take effect on 01/07/2025
    june = Scope(start=date(2025, 6, 1), end=date(2025, 6, 30))
    assert pair(published_procedures(scope=june)) == (0, 0)


def test_partly_and_fully_online_procedures_count_as_online(world, offline_procedure):
    assert pair(online_procedures(scope=SEPTEMBER)) == (4, 5)


def test_a_commune_is_measured_on_the_procedures_of_its_level(world, offline_procedure):
    # commune level: birth registration (online), inter-agency (online), land (offline)
    ward = AdministrativeUnit.objects.get(code="22366")
    assert pair(online_procedures(scope=SEPTEMBER.narrowed(unit=ward))) == (2, 3)


def test_online_service_counts_once_an_application_arrives_online(world, offline_procedure):
    # given one application submitted online, not yet received, and a counter dossier
    receive_online(world, accept=False)
    receive(world)
    # then one of the four online services was used
    assert pair(online_services_used(scope=SEPTEMBER)) == (1, 4)


def test_fully_online_fee_bearing_procedure_counts_as_payable_online(world, offline_procedure):
    # fee-bearing: birth registration (fully online), building permit (partly), land (offline)
    assert pair(online_payment_procedures(scope=SEPTEMBER)) == (1, 3)


def test_partly_online_procedure_paid_online_in_the_period_counts(world, clock, offline_procedure):
    # given a building-permit dossier whose fee was paid online in September
    dossier = receive(world, procedure=PROVINCIAL_PROCEDURE)
    services.complete_step(officer=world.intake, dossier=dossier)
    services.request_payment(officer=world.construction_handler, dossier=dossier)
    clock.set(at(9, 17, 9))
    services.record_payment(
        officer=world.construction_handler,
        dossier=dossier,
        method=PaymentMethod.ONLINE,
        amount_vnd=dossier.fee_amount_vnd,
    )
    # then two of the three fee-bearing procedures are payable online
    assert pair(online_payment_procedures(scope=SEPTEMBER)) == (2, 3)


def test_an_agency_is_measured_on_the_procedures_it_implements(world, offline_procedure):
    # the construction department implements the building permit and the transport licence
    scope = SEPTEMBER.narrowed(agency=world.construction)
    assert pair(online_procedures(scope=scope)) == (2, 2)


def test_sectors_narrow_the_procedures(world, offline_procedure):
    # the land sector holds only the offline procedure
    assert pair(online_procedures(scope=SEPTEMBER.narrowed(sectors=("DDAI",)))) == (0, 1)
