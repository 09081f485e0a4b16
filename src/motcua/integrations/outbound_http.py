"""Calls from motcua to other systems (token endpoints, payment gateways), through one transport.

The default transport is urllib with a timeout. Tests swap it for one that answers from the
project's own views through Django's test client (`motcua.integrations.testing`), so a whole
sign-in or payment runs without a network.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode

DEFAULT_TIMEOUT_SECONDS = 10.0
MAX_RESPONSE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class OutboundRequest:
    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class OutboundResponse:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body as JSON. Raises ValueError when it is not."""
        return json.loads(self.body.decode("utf-8"))


class Transport(Protocol):
    def send(self, request: OutboundRequest) -> OutboundResponse:
        """Send the request; raise OutboundError when no answer came."""


class OutboundError(Exception):
    """The other system did not answer (refused, timed out, unreachable)."""


class UrllibTransport:
    def send(self, request: OutboundRequest) -> OutboundResponse:
        if not request.url.startswith(("https://", "http://")):
            raise OutboundError("only http(s) addresses are called")
        prepared = urllib.request.Request(  # noqa: S310 (scheme checked above)
            request.url, data=request.body, headers=dict(request.headers), method=request.method
        )
        try:
            with urllib.request.urlopen(prepared, timeout=request.timeout) as answer:  # noqa: S310
                body = answer.read(MAX_RESPONSE_BYTES)
                return OutboundResponse(
                    status=answer.status, body=body, headers=dict(answer.headers.items())
                )
        except urllib.error.HTTPError as error:
            return OutboundResponse(status=error.code, body=error.read(MAX_RESPONSE_BYTES))
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise OutboundError(str(error)) from error


_transport: Transport = UrllibTransport()


def send(request: OutboundRequest) -> OutboundResponse:
    """Send through the current transport. Raises OutboundError."""
    return _transport.send(request)


def post_form(
    url: str, *, data: Mapping[str, str], headers: Mapping[str, str] | None = None
) -> OutboundResponse:
    """POST an application/x-www-form-urlencoded body. Raises OutboundError."""
    all_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
    }
    all_headers |= dict(headers or {})
    return send(
        OutboundRequest(
            method="POST", url=url, headers=all_headers, body=urlencode(data).encode("ascii")
        )
    )


def get(url: str) -> OutboundResponse:
    """GET a resource, asking for JSON. Raises OutboundError."""
    return send(OutboundRequest(method="GET", url=url, headers={"Accept": "application/json"}))


@contextmanager
def using_transport(transport: Transport) -> Iterator[Transport]:
    """Send every outbound request through `transport` inside the block (tests, demos)."""
    global _transport
    previous, _transport = _transport, transport
    try:
        yield transport
    finally:
        _transport = previous
