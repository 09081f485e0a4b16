"""`motcua token create|list|revoke`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.accounts.errors import TokenRefused
from motcua.accounts.models import ApiToken, User
from motcua.accounts.queries import get_api_token
from motcua.core.clock import now

pytestmark = pytest.mark.django_db


def token(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_prints_a_working_token_once(officer: User) -> None:
    # when a token is created for an officer
    printed, note = token("create", "--user", "canbo", "--name", "Đồng bộ", "--expires-days", "7")
    # then standard output holds exactly the token, and it authenticates the officer
    assert get_api_token(presented=printed).user == officer
    assert "shown only this once" in note
    stored = ApiToken.objects.get()
    assert stored.name == "Đồng bộ"
    assert timedelta(days=6) < stored.expires_at - now() <= timedelta(days=7)
    assert printed not in {stored.digest, stored.prefix}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "khong-ai"], "no user named 'khong-ai'"),
        # The service's refusals speak the default language, Vietnamese.
        (["--user", "congdan"], "Chỉ tài khoản cán bộ đang hoạt động"),
        (["--user", "canbo", "--expires-days", "0"], "từ 1 đến 3650 ngày"),
        (["--user", "canbo", "--name", ""], "không được dài quá 100 ký tự"),
    ],
    ids=["unknown-user", "citizen", "zero-days", "empty-name"],
)
def test_create_refuses_with_a_clear_message(
    officer: User, citizen: User, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        token("create", *args)
    assert not ApiToken.objects.exists()


def test_list_shows_prefixes_never_tokens(officer: User) -> None:
    # given a token
    printed, _ = token("create", "--user", "canbo")
    stored = ApiToken.objects.get()
    # when the officer's tokens are listed
    listing, _ = token("list", "--user", "canbo")
    # then the prefix shows, the token and digest do not
    assert stored.prefix in listing
    assert printed not in listing
    assert stored.digest not in listing


def test_revoke_by_prefix_stops_the_token(officer: User) -> None:
    # given a token
    printed, _ = token("create", "--user", "canbo")
    prefix = ApiToken.objects.get().prefix
    # when it is revoked by its prefix
    output, _ = token("revoke", prefix)
    # then it no longer works
    assert f"revoked {prefix}" in output
    with pytest.raises(TokenRefused):
        get_api_token(presented=printed)


def test_revoking_an_unknown_prefix_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="no token with prefix"):
        token("revoke", "khongcoma0")
