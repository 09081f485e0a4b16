"""Domain events: published inside a transaction, delivered to subscribers after it commits.

A service calls `publish(DossierReceived(...))`; integrations and read models register with
`subscribe(DossierReceived, handler)` in their AppConfig.ready(). If the transaction rolls back,
nobody hears of it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
from django.db import transaction

log = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base class of every domain event; subclasses are frozen dataclasses named in past tense."""


Handler = Callable[[Any], None]
_subscribers: dict[type[Event], list[Handler]] = defaultdict(list)


def subscribe(event_type: type[Event], handler: Handler) -> None:
    if handler not in _subscribers[event_type]:
        _subscribers[event_type].append(handler)


def unsubscribe(event_type: type[Event], handler: Handler) -> None:
    if handler in _subscribers[event_type]:
        _subscribers[event_type].remove(handler)


def publish(event: Event) -> None:
    """Deliver the event to its subscribers once the current transaction commits."""
    transaction.on_commit(lambda: _deliver(event), robust=False)


def _deliver(event: Event) -> None:
    for event_type, handlers in list(_subscribers.items()):
        if isinstance(event, event_type):
            for handler in list(handlers):
                try:
                    handler(event)
                except Exception:
                    # One failing listener must not hide the event from the others.
                    log.exception(
                        "event_handler_failed",
                        event_type=type(event).__name__,
                        handler=getattr(handler, "__qualname__", repr(handler)),
                    )
