"""Demo accounts (see motcua.demo.steps): a citizen with a proved e-mail, to try the portal."""

from collections.abc import Callable

from django.contrib.auth.hashers import make_password

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.core.clock import now

# An invented ID number; the password is the demo staff's (organizations.demo.DEMO_PASSWORD).
DEMO_CITIZEN_USERNAME = "056190000909"
DEMO_CITIZEN_PASSWORD = "motcua-demo-2025"  # noqa: S105


def load(*, out: Callable[[str], None]) -> None:
    """Create the demo citizen once; idempotent."""
    _, created = User.objects.get_or_create(
        username=DEMO_CITIZEN_USERNAME,
        defaults={
            "kind": AccountKind.CITIZEN,
            "full_name": "Phạm Thị Mai",
            "national_id": DEMO_CITIZEN_USERNAME,
            "email": "congdan.demo@example.vn",
            "email_verified_at": now(),
            "address": "Thôn Tân Xương 1, xã Cam Lâm, tỉnh Khánh Hòa",
            "password": make_password(DEMO_CITIZEN_PASSWORD),
        },
    )
    if created:
        out(f"Demo citizen {DEMO_CITIZEN_USERNAME} created.")
