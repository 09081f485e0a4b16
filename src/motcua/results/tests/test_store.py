"""The e-result store is immutable; trust anchors and templates are versioned and audited."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from motcua.audit.models import AuditEntry
from motcua.core.clock import now
from motcua.organizations.tests.factories import StaffFactory
from motcua.results.certificates import to_pem
from motcua.results.errors import ResultRefused
from motcua.results.models import EResult
from motcua.results.queries import get_template_in_force, list_trust_roots
from motcua.results.services import add_trust_anchor, publish_result_template
from motcua.results.test_authority import TestAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def authority() -> TestAuthority:
    return TestAuthority(name="Store TEST CA")


def make_result() -> EResult:
    return EResult.objects.create(
        file="results/x.pdf",
        original_name="x.pdf",
        kind="pdf",
        mime_type="application/pdf",
        size_bytes=1,
        sha256="0" * 64,
        title="Giấy phép",
        verification_code="ABCDEFGHJK",
        e_result_code="056091012345.KQ",
        signed_by=StaffFactory(),
        signer_name="A",
        signer_certificate_sha256="1" * 64,
        signed_at=now(),
    )


def test_an_e_result_is_never_changed_or_deleted() -> None:
    result = make_result()
    result.title = "Khác"
    with pytest.raises(TypeError):
        result.save()
    with pytest.raises(TypeError):
        result.delete()
    with pytest.raises(TypeError):
        EResult.objects.filter(pk=result.pk).update(title="Khác")
    with pytest.raises(TypeError):
        EResult.objects.filter(pk=result.pk).delete()
    assert EResult.objects.get(pk=result.pk).title == "Giấy phép"


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates_of_e_results() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL trigger")
    result = make_result()
    with (
        pytest.raises(DatabaseError, match="never changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE results_eresult SET title = 'x' WHERE id = %s", [result.pk])


def test_a_root_ca_is_trusted_once(authority: TestAuthority) -> None:
    pem = to_pem([authority.certificate])
    anchor = add_trust_anchor(administrator=None, certificate_pem=pem, is_test=True)
    with pytest.raises(ResultRefused) as refused:
        add_trust_anchor(administrator=None, certificate_pem=pem)
    assert refused.value.code == "anchor_exists"
    assert [root.name for root in list_trust_roots()] == [anchor.name]
    assert AuditEntry.objects.filter(action="signing.trust_anchor_added").count() == 1


def test_an_end_entity_certificate_is_not_a_trust_anchor(authority: TestAuthority) -> None:
    issued = authority.issue(common_name="Không phải CA")
    with pytest.raises(ResultRefused) as refused:
        add_trust_anchor(administrator=None, certificate_pem=to_pem([issued.certificate]))
    assert refused.value.code == "not_a_ca"


def test_trust_roots_also_come_from_configured_files(
    authority: TestAuthority, settings: Any, tmp_path: Path
) -> None:
    # given the national root CA configured as a PEM file
    path = tmp_path / "national-root-ca.pem"
    path.write_text(to_pem([authority.certificate]), encoding="ascii")
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    # then it is among the trust roots, not marked as a test authority
    roots = list_trust_roots()
    assert [(root.name, root.is_test) for root in roots] == [("national-root-ca.pem", False)]


def test_a_new_template_wording_is_a_new_version() -> None:
    first = publish_result_template(
        administrator=None,
        code="gpxd",
        title="Giấy phép xây dựng",
        result_type_code="KQ.GPXD",
        body="<p>{{ holder_name }}</p>",
        effective_from=date(2025, 7, 1),
    )
    second = publish_result_template(
        administrator=None,
        code="gpxd",
        title="Giấy phép xây dựng",
        result_type_code="KQ.GPXD",
        body="<p>Cấp cho {{ holder_name }}</p>",
        effective_from=date(2026, 1, 1),
    )
    assert (first.version, second.version) == (1, 2)
    assert get_template_in_force(code="gpxd", on=date(2025, 12, 31)) == first
    assert get_template_in_force(code="gpxd", on=date(2026, 1, 1)) == second


def test_a_template_with_a_syntax_error_is_refused() -> None:
    with pytest.raises(ResultRefused) as refused:
        publish_result_template(
            administrator=None,
            code="gpxd",
            title="X",
            result_type_code="KQ",
            body="{% if %}",
            effective_from=date(2025, 7, 1),
        )
    assert refused.value.code == "invalid_template"
