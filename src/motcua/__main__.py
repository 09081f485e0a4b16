"""The `motcua` console command: Django's management commands under one name.

`motcua deadline due ...`, `motcua catalog import FILE`, `motcua audit verify`, and every
built-in command (`motcua migrate`, `motcua runserver`).
"""

import os
import sys


def main() -> None:
    """Run a management command with the development settings unless others are named."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
