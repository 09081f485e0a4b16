"""Domain events: published inside a transaction, delivered to subscribers after it commits.

A service calls `publish(DossierReceived(...))`; integrations and read models register with
`subscribe(DossierReceived, handler)` in their AppConfig.ready(). If the transaction rolls back,
nobody hears of it. A handler registered with `subscribe_in_transaction` runs at once, inside
the publishing transaction, for writes that must commit or roll back with the act (an outbox
row); its failure fails the act.
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
_in_transaction: dict[type[Event], list[Handler]] = defaultdict(list)


def subscribe(event_type: type[Event], handler: Handler) -> None:
    if handler not in _subscribers[event_type]:
        _subscribers[event_type].append(handler)


def subscribe_in_transaction(event_type: type[Event], handler: Handler) -> None:
    if handler not in _in_transaction[event_type]:
        _in_transaction[event_type].append(handler)


def unsubscribe(event_type: type[Event], handler: Handler) -> None:
    for registry in (_subscribers, _in_transaction):
        if handler in registry[event_type]:
            registry[event_type].remove(handler)


def publish(event: Event) -> None:
    """Hand the event to its in-transaction handlers now, and to its subscribers once the
    current transaction commits."""
    for event_type, handlers in list(_in_transaction.items()):
        if isinstance(event, event_type):
            for handler in list(handlers):
                handler(event)
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
