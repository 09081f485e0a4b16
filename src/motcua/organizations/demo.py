"""Demo data for this app (see motcua.demo.steps)."""

from collections.abc import Callable


def load(*, out: Callable[[str], None]) -> None:
    """Load the demo rows; idempotent."""
