"""The demo province, loaded in order; every step is idempotent (running twice changes nothing).

Each step is a module with `load(*, out: Callable[[str], None]) -> None`.
"""

import importlib
from collections.abc import Callable
from types import ModuleType

STEP_MODULES = [
    "motcua.organizations.demo",
    "motcua.deadlines.demo",
    "motcua.catalog.demo",
    "motcua.dossiers.demo",
    "motcua.results.demo",
    "motcua.integrations.signing.demo",
    "motcua.accounts.demo",
    "motcua.payments.demo",
]


def steps() -> list[ModuleType]:
    return [importlib.import_module(name) for name in STEP_MODULES]


def load_demo(*, out: Callable[[str], None]) -> None:
    for module in steps():
        module.load(out=out)
