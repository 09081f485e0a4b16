import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from motcua.accounts.testing import sign_in_verified
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import ImportReport

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "sector",
    "catalogagency",
    "procedure",
    "procedureversion",
    "procedurevariant",
    "processtemplate",
    "catalogimport",
]


@pytest.fixture
def admin_client_logged_in(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    sign_in_verified(client, user=user)
    return client


@pytest.mark.parametrize("model", CHANGELISTS)
def test_the_admin_lists_the_catalog(
    admin_client_logged_in: Client, small_catalog_imported: ImportReport, model: str
) -> None:
    response = admin_client_logged_in.get(f"/admin/catalog/{model}/")
    assert response.status_code == 200


def test_the_admin_shows_a_version_read_only(
    admin_client_logged_in: Client, small_catalog_imported: ImportReport
) -> None:
    # given a version / when its admin page is opened
    version = ProcedureVersion.objects.get(procedure__code="1.001193")
    response = admin_client_logged_in.get(f"/admin/catalog/procedureversion/{version.pk}/change/")
    # then it shows without a save button, since the catalog changes by import only
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_the_admin_cannot_add_a_procedure(admin_client_logged_in: Client) -> None:
    response = admin_client_logged_in.post("/admin/catalog/procedure/add/", {"code": "1.0"})
    assert response.status_code == 403
    assert Procedure.objects.count() == 0
