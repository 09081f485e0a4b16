"""The event bus: after-commit subscribers and in-transaction handlers."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from motcua.core.events import (
    Event,
    publish,
    subscribe,
    subscribe_in_transaction,
    unsubscribe,
)


@dataclass(frozen=True, kw_only=True)
class Happened(Event):
    name: str


@pytest.fixture
def heard() -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def after(event: Happened) -> None:
        seen.append(("after-commit", event.name))

    def within(event: Happened) -> None:
        if event.name == "refused":
            raise ValueError("the outbox refuses it")
        seen.append(("in-transaction", event.name))

    subscribe(Happened, after)
    subscribe_in_transaction(Happened, within)
    yield seen
    unsubscribe(Happened, after)
    unsubscribe(Happened, within)


@pytest.mark.django_db(transaction=True)
def test_in_transaction_handlers_run_at_once_and_subscribers_after_commit(
    heard: list[tuple[str, str]],
) -> None:
    with transaction.atomic():
        publish(Happened(name="a"))
        # inside the transaction only the in-transaction handler has run
        assert heard == [("in-transaction", "a")]
    assert heard == [("in-transaction", "a"), ("after-commit", "a")]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_act_is_heard_by_no_subscriber(heard: list[tuple[str, str]]) -> None:
    def failing_act() -> None:
        with transaction.atomic():
            publish(Happened(name="b"))
            raise RuntimeError("the act fails")

    with pytest.raises(RuntimeError):
        failing_act()
    assert heard == [("in-transaction", "b")]  # its write rolled back with the act


@pytest.mark.django_db(transaction=True)
def test_a_failing_in_transaction_handler_fails_the_act(heard: list[tuple[str, str]]) -> None:
    with pytest.raises(ValueError, match="outbox"), transaction.atomic():
        publish(Happened(name="refused"))
    assert heard == []


@pytest.mark.django_db(transaction=True)
def test_unsubscribed_handlers_hear_nothing() -> None:
    seen: list[str] = []

    def handler(event: Happened) -> None:
        seen.append(event.name)

    subscribe(Happened, handler)
    subscribe_in_transaction(Happened, handler)
    unsubscribe(Happened, handler)
    with transaction.atomic():
        publish(Happened(name="c"))
    assert seen == []
