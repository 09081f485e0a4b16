"""The citizen pages pass the basic accessibility checks: labels, language, title, headings."""

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.core.page_checks import check_page

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["accounts:login", "applicant:register"]
SIGNED_IN_PAGES = ["applicant:profile", "applicant:representations", "accounts:two-factor"]


@pytest.mark.parametrize("page", ANONYMOUS_PAGES)
def test_an_open_page_passes_the_basic_checks(client: Client, page: str) -> None:
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert check_page(response.content.decode()).problems == []


@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_a_signed_in_page_passes_the_basic_checks(client: Client, page: str) -> None:
    client.force_login(UserFactory())
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert check_page(response.content.decode()).problems == []


def test_a_form_returned_with_errors_still_passes_the_basic_checks(client: Client) -> None:
    response = client.post(reverse("applicant:register"), {"kind": "citizen"})
    findings = check_page(response.content.decode())
    assert findings.problems == []
    assert findings.lang == "vi"


def test_the_checks_find_a_field_without_a_label() -> None:
    html = '<html lang="vi"><title>x</title><input name="code" id="id_code"></html>'
    assert check_page(html).problems == ["field without a label: code"]


def test_the_code_page_passes_the_basic_checks(client: Client) -> None:
    client.post(
        reverse("applicant:register"),
        {
            "kind": "citizen",
            "full_name": "Nguyễn Thị Hoa",
            "national_id": "056190000101",
            "channel": "phone",
            "phone": "0912345678",
            "password1": "Mật-khẩu-đủ-dài-2025",
            "password2": "Mật-khẩu-đủ-dài-2025",
        },
    )
    response = client.get(reverse("applicant:verify"))
    assert response.status_code == 200
    assert check_page(response.content.decode()).problems == []
