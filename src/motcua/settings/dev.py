"""Development profile: `make run` on the embedded SQLite database."""

from motcua.settings.base import *  # noqa: F403
from motcua.settings.base import VAR_DIR

DEBUG = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
