"""Demo accounts (see motcua.demo.steps)."""

from collections.abc import Callable


def load(*, out: Callable[[str], None]) -> None:
    """Create the demo accounts that belong to no organisation; idempotent."""
