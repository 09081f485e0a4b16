"""Vietnamese by default, English on request: the pages people see first."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from motcua.accounts.testing import sign_in_verified
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.services import ImportReport

pytestmark = pytest.mark.django_db

HOME = "/"


def test_the_home_page_is_vietnamese_when_the_browser_names_no_language(client: Client) -> None:
    # when the home page is asked for without Accept-Language
    response = client.get(HOME)
    # then it is in Vietnamese
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tìm thủ tục hành chính" in page
    assert "Sign in" not in page


def test_the_home_page_stays_vietnamese_when_the_browser_asks_for_english(client: Client) -> None:
    # given a phone whose system language is English
    response = client.get(HOME, headers={"accept-language": "en"})
    # then the page is still Vietnamese until the visitor picks English
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page


def test_the_language_cookie_outweighs_the_browser(client: Client) -> None:
    # given a visitor who chose English on a Vietnamese browser
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when the home page is shown
    page = client.get(HOME, headers={"accept-language": "vi"}).content.decode()
    # then it is in English
    assert "Find a procedure" in page


def test_the_language_switch_remembers_the_choice(client: Client) -> None:
    # when a visitor picks English in the header's language list
    response = client.post(reverse("set_language"), {"language": "en", "next": HOME})
    # then they are sent back and the next page is English
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Sign in" in client.get(HOME).content.decode()


def test_the_language_list_names_each_language_in_itself(client: Client) -> None:
    page = client.get(HOME).content.decode()
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    assert '<option value="en" lang="en">English</option>' in page


@pytest.mark.parametrize(
    ("path", "vietnamese", "english"),
    [
        ("/thu-tuc/", ["Tìm thủ tục hành chính", "Bộ lọc", "Lĩnh vực", "Tất cả"], "Filters"),
        (
            "/thu-tuc/1.012790.H34/",
            ["Thành phần hồ sơ", "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý"],
            "Dossier composition",
        ),
        ("/accounts/login/", ["Đăng nhập", "Tên đăng nhập", "Mật khẩu"], "Password"),
    ],
    ids=["procedure-list", "procedure-page", "sign-in"],
)
def test_public_pages_are_vietnamese_by_default(
    client: Client,
    small_catalog_imported: ImportReport,
    path: str,
    vietnamese: list[str],
    english: str,
) -> None:
    page = client.get(path).content.decode()
    assert [text for text in vietnamese if text not in page] == []
    assert english not in page


def test_a_processing_time_reads_in_vietnamese(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    page = client.get("/thu-tuc/1.012790.H34/").content.decode()
    assert "ngày làm việc" in page
    assert "working days" not in page


def test_the_admin_index_is_vietnamese_by_default(client: Client) -> None:
    # given an administrator past the second factor
    sign_in_verified(client, user=UserFactory(administrator=True))
    # when the admin index is shown
    page = client.get(reverse("admin:index")).content.decode()
    # then every section of motcua and of its sign-in apps has a Vietnamese name
    sections = [
        "Tài khoản",
        "Nhật ký thao tác",
        "Đơn vị hành chính và cơ quan",
        "Lịch làm việc",
        "Danh mục thủ tục hành chính",
        "Ứng dụng xác thực",
        "Mã dự phòng",
        "Lượt đăng nhập",
    ]
    assert [section for section in sections if section not in page] == []
    assert "Quản trị Hệ thống một cửa" in page
    # nor does Django's own frame stay English where its Vietnamese catalogue has gaps
    english = ["Otp_Totp", "Procedure catalog", "Django administration", "Skip to main content"]
    assert [text for text in english if text in page] == []


def test_the_anonymous_header_kept_in_memory_follows_language_and_sign_in(client: Client) -> None:
    # given the anonymous header rendered once in Vietnamese (and so kept in memory)
    assert "Đăng nhập" in client.get(HOME).content.decode()
    # when the visitor picks English, the header is English
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(HOME).content.decode()
    assert "Sign in" in english
    assert "Đăng nhập" not in english
    # and once signed in, the kept anonymous header is not shown
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    client.force_login(UserFactory())
    signed_in = client.get(HOME).content.decode()
    assert "Đăng xuất" in signed_in
    assert "Đăng nhập" not in signed_in
