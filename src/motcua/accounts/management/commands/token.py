from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.errors import AccountError
from motcua.accounts.models import ApiToken, User
from motcua.accounts.queries import get_api_token_by_prefix, list_api_tokens
from motcua.accounts.services import issue_api_token, revoke_api_token
from motcua.core.clock import format_moment


class Command(BaseCommand):
    help = (
        "API bearer tokens. `token create --user NAME` prints a new token once; "
        "`token list --user NAME` and `token revoke PREFIX` manage them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Issue a token to an active staff member.")
        create.add_argument("--user", required=True, help="Username of the owner.")
        create.add_argument("--name", default="command line", help="What the token is for.")
        create.add_argument(
            "--expires-days",
            type=int,
            default=None,
            help="Days until it expires (1-3650; default API_TOKEN_LIFETIME_DAYS).",
        )
        listing = sub.add_parser("list", help="List a user's tokens (never the tokens).")
        listing.add_argument("--user", required=True, help="Username of the owner.")
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix", help="The 10 characters after `motcua_`.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                self._create(options)
            elif options["action"] == "list":
                self._list(options)
            else:
                self._revoke(options)
        except AccountError as error:
            raise CommandError(str(error.message)) from error

    def _create(self, options: dict[str, Any]) -> None:
        owner = self._user(options["user"])
        issued = issue_api_token(
            actor=None, owner=owner, name=options["name"], lifetime_days=options["expires_days"]
        )
        self.stderr.write(
            f"token for {owner.username} ({issued.token.name}), "
            f"expires {format_moment(issued.token.expires_at)}; it is shown only this once:"
        )
        self.stdout.write(issued.secret)

    def _list(self, options: dict[str, Any]) -> None:
        for token in list_api_tokens(owner=self._user(options["user"])):
            state = "revoked" if token.is_revoked else f"expires {format_moment(token.expires_at)}"
            used = format_moment(token.last_used_at) if token.last_used_at else "never used"
            self.stdout.write(f"{token.prefix}  {token.name}  {state}  {used}")

    def _revoke(self, options: dict[str, Any]) -> None:
        try:
            token = get_api_token_by_prefix(prefix=options["prefix"])
        except ApiToken.DoesNotExist as error:
            raise CommandError(f"no token with prefix {options['prefix']!r}") from error
        revoke_api_token(actor=None, token=token)
        self.stdout.write(f"revoked {token.prefix} ({token.name})")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        return user
