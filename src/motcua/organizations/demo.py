"""Demo province (see motcua.demo.steps)."""

from collections.abc import Callable


def load(*, out: Callable[[str], None]) -> None:
    """Load the demo province's units, agencies, centres and staff; idempotent."""


def describe_accounts(*, base_url: str) -> list[str]:
    """Lines printed by `make run`: addresses and demo sign-ins."""
    return [
        f"motcua is starting at {base_url}/",
        f"  citizen portal   {base_url}/",
        f"  back office      {base_url}/backoffice/",
        f"  administration   {base_url}/admin/",
        f"  API documents    {base_url}/api/v1/docs",
    ]
