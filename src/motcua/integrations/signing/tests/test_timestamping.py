"""Timestamps from the local authority or from an RFC 3161 authority over HTTP."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from asn1crypto import tsp

from motcua.integrations.signing.keys import unlock_signer
from motcua.integrations.signing.testing import APPLICANT_ID, RESULT_TYPE
from motcua.integrations.signing.timestamping import LocalTimeStamper
from motcua.integrations.signing.verification import verify_pdf
from motcua.results.errors import SigningUnavailable
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult, SigningCredential
from motcua.results.queries import read_result_file
from motcua.results.services import issue_result
from motcua.results.testing import PASSPHRASE, SigningKit


def test_no_time_stamping_authority_means_nothing_is_signed(kit: SigningKit, leader: Any) -> None:
    # given a trusted CA and a leader's key, but no authority configured or registered
    kit.trust()
    credential = kit.register_personal(user=leader)
    # when the key is unlocked
    with pytest.raises(SigningUnavailable) as refused:
        unlock_signer(credential=credential, passphrase=PASSPHRASE)
    # then signing is refused with a clear reason
    assert refused.value.code == "no_timestamp_authority"
    assert not EResult.objects.exists()


class _AuthorityHandler(BaseHTTPRequestHandler):
    stamper: LocalTimeStamper
    requests: list[str]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.requests.append(self.headers["Content-Type"])
        answer = self.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_authority(kit: SigningKit) -> Iterator[tuple[str, list[str]]]:
    """An RFC 3161 authority on 127.0.0.1 signing with the kit's time-stamping key."""
    issued = kit.time_stamping
    handler = type(
        "Handler",
        (_AuthorityHandler,),
        {
            "stamper": LocalTimeStamper(
                certificate=issued.certificate, key=issued.key, chain=issued.chain
            ),
            "requests": [],
        },
    )
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa", handler.requests
    server.shutdown()
    server.server_close()


def test_signing_uses_the_configured_http_authority(
    kit: SigningKit,
    leader: Any,
    source_pdf: bytes,
    settings: Any,
    http_authority: tuple[str, list[str]],
) -> None:
    # given SIGNING_TSA_URL pointing at an authority, and no local one registered
    url, requests = http_authority
    settings.SIGNING_TSA_URL = url
    kit.trust()
    credential: SigningCredential = kit.register_personal(user=leader)
    signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)
    # when a result is issued
    result = issue_result(
        leader=leader,
        signer=signer,
        source_pdf=source_pdf,
        applicant_id_number=APPLICANT_ID,
        result_type_code=RESULT_TYPE,
        metadata=ResultMetadata(title="Giấy phép"),
    )
    # then the authority was asked once and its timestamp verifies as trusted
    assert requests == ["application/timestamp-query"]
    check = verify_pdf(pdf=read_result_file(result=result)).signatures[0]
    assert check.timestamped
    assert check.timestamp_trusted
    assert check.intact


def test_an_unreachable_http_authority_signs_nothing(
    kit: SigningKit, leader: Any, source_pdf: bytes, settings: Any
) -> None:
    # given an authority address where nothing listens
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"
    kit.trust()
    signer = unlock_signer(credential=kit.register_personal(user=leader), passphrase=PASSPHRASE)
    # when a result is issued
    with pytest.raises(SigningUnavailable) as refused:
        issue_result(
            leader=leader,
            signer=signer,
            source_pdf=source_pdf,
            applicant_id_number=APPLICANT_ID,
            result_type_code=RESULT_TYPE,
            metadata=ResultMetadata(title="Giấy phép"),
        )
    # then nothing was stored
    assert refused.value.code == "timestamp_unavailable"
    assert not EResult.objects.exists()
