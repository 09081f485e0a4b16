"""Structured logging with structlog; personal data is masked before anything is written."""

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

# Keys whose values are personal data (Decree 13/2023 on personal data protection).
PERSONAL_KEYS = frozenset(
    {
        "national_id",
        "id_number",
        "identity_number",
        "phone",
        "phone_number",
        "address",
        "email",
        "date_of_birth",
        "password",
        "token",
        "secret",
    }
)
MASK = "***"


def mask_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if key.lower() in PERSONAL_KEYS or key.lower().endswith(
            ("_phone", "_address", "_id_number")
        ):
            event_dict[key] = MASK
    return event_dict


def configure_logging(*, level: str = "INFO", json_format: bool = False) -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if json_format
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            mask_personal_data,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    # django-axes reports every reset at INFO; only its warnings are worth a line.
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.basicConfig(
        level=level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s %(message)s"
    )
