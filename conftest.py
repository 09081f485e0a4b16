"""Test set-up shared by every app: network blocked, database selection."""

import socket

import pytest


@pytest.fixture(autouse=True)
def _block_external_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may talk to local services (PostgreSQL, Redis, a server they start), nothing else."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and not host.startswith("/")
        ):
            raise RuntimeError(f"tests must not reach the network (tried {host})")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture
def assert_no_axe_violations():  # type: ignore[no-untyped-def]
    """`assert_no_axe_violations(page)`: axe-core's WCAG 2.1 AA rules on a Playwright page."""
    from motcua.core.accessibility import assert_no_axe_violations as check

    return check
