"""Test helpers: outbound calls answered by the project's own views, with no network.

with using_transport(TestClientTransport()):
    browser.get(...)   # the sign-in's token request reaches /dev-oidc/token/ in-process
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.test import Client

from motcua.integrations.outbound_http import OutboundError, OutboundRequest, OutboundResponse


class TestClientTransport:
    """Answers every outbound request from the project's URLs, as a separate client.

    `drop` names paths whose requests are lost (the caller sees OutboundError), to test what
    happens when a callback never arrives; `sent` records every request.
    """

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        *,
        drop: Callable[[OutboundRequest], bool] | None = None,
        rewrite: Callable[[OutboundRequest, OutboundResponse], OutboundResponse] | None = None,
    ) -> None:
        self.client = Client()
        self.drop = drop
        self.rewrite = rewrite
        self.sent: list[OutboundRequest] = []

    def send(self, request: OutboundRequest) -> OutboundResponse:
        self.sent.append(request)
        if self.drop is not None and self.drop(request):
            raise OutboundError("dropped by the test")
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {key: value for key, value in request.headers.items() if key != "Content-Type"}
        answer = self.client.generic(
            request.method,
            path,
            data=request.body or b"",
            content_type=request.headers.get("Content-Type", "application/octet-stream"),
            headers=headers,
        )
        response = OutboundResponse(
            status=answer.status_code, body=answer.content, headers=dict(answer.headers)
        )
        if self.rewrite is not None:
            response = self.rewrite(request, response)
        return response
