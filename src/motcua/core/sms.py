"""Text messages (SMS) through a swappable backend, as Django sends e-mail.

`send_sms(to=…, text=…)` hands the message to the class named by SMS_BACKEND. The console
backend writes it to the log with the phone masked (for development); the memory backend keeps
it in `outbox` (for tests). A carrier's or aggregator's adapter is another class with the same
`send` method, named in the setting.
"""

from dataclasses import dataclass
from functools import cache
from typing import Protocol

import structlog
from django.conf import settings
from django.utils.module_loading import import_string

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class TextMessage:
    to: str
    text: str


class SmsBackend(Protocol):
    def send(self, message: TextMessage) -> None:
        """Deliver the message or raise SmsNotSent."""


class SmsNotSent(Exception):
    """The backend could not hand the message over."""


def mask_phone(phone: str) -> str:
    """Keep the first three and last two digits: "091*****78"."""
    if len(phone) <= 5:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 5) + phone[-2:]


class ConsoleSmsBackend:
    """Writes the message to the log instead of sending it; the phone is masked."""

    def send(self, message: TextMessage) -> None:
        # `recipient`, not `phone`: the masking processor would hide even the masked digits.
        log.info("sms.sent_to_console", recipient=mask_phone(message.to), text=message.text)


outbox: list[TextMessage] = []


class MemorySmsBackend:
    """Keeps messages in `motcua.core.sms.outbox`, for tests."""

    def send(self, message: TextMessage) -> None:
        outbox.append(message)


@cache
def _backend(path: str) -> SmsBackend:
    backend: SmsBackend = import_string(path)()
    return backend


def send_sms(*, to: str, text: str) -> None:
    """Send one text message through SMS_BACKEND. Raises SmsNotSent."""
    _backend(settings.SMS_BACKEND).send(TextMessage(to=to, text=text))
