"""Reading settings from environment variables, each with a default and a line of help.

`motcua settings-help` (or `python -m motcua.settings.environment`) prints the table.
"""

import os
from dataclasses import dataclass

_REGISTRY: dict[str, "Variable"] = {}


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


def env(name: str, default: str, help: str) -> str:
    """Return the variable's value or its default, and remember it for the help table."""
    _REGISTRY[name] = Variable(name, default, help)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool, help: str) -> bool:
    value = env(name, "true" if default else "false", help)
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, help: str) -> int:
    return int(env(name, str(default), help))


def env_list(name: str, default: str, help: str) -> list[str]:
    return [item.strip() for item in env(name, default, help).split(",") if item.strip()]


def documented_variables() -> list[Variable]:
    return sorted(_REGISTRY.values(), key=lambda variable: variable.name)


if __name__ == "__main__":
    import importlib

    importlib.import_module("motcua.settings.base")
    for variable in documented_variables():
        print(f"{variable.name}={variable.default!r}\n    {variable.help}")
