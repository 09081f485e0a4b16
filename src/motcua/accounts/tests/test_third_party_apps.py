"""django-otp and django-axes under Vietnamese names; django-axes's strings in our catalogue."""

from pathlib import Path

import axes
import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.utils import translation

from motcua.accounts.third_party_apps import AXES_MESSAGES


def test_every_listed_axes_message_is_spelled_as_django_axes_asks_for_it() -> None:
    # given django-axes's own modules
    source = "\n".join(path.read_text("utf-8") for path in Path(axes.__file__).parent.glob("*.py"))
    # then each listed msgid is there verbatim: an upgrade that rewords one would otherwise
    # leave its label untranslated without a sign
    assert [message for message in AXES_MESSAGES if f'_("{message}")' not in source] == []


@pytest.mark.parametrize(
    ("label", "vietnamese", "english"),
    [
        ("otp_totp", "Ứng dụng xác thực", "Authenticator apps"),
        ("otp_static", "Mã dự phòng", "Backup codes"),
        ("axes", "Lượt đăng nhập", "Sign-in attempts"),
    ],
)
def test_the_sign_in_apps_are_named_in_the_active_language(
    label: str, vietnamese: str, english: str
) -> None:
    name = apps.get_app_config(label).verbose_name
    with translation.override("vi"):
        assert str(name) == vietnamese
    with translation.override("en"):
        assert str(name) == english


def test_django_axes_models_are_named_in_vietnamese() -> None:
    with translation.override("vi"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "lần đăng nhập sai"
        assert str(AccessLog._meta.verbose_name_plural) == "nhật ký đăng nhập"
