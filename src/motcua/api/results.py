"""API endpoints for signed results: public verification and registered metadata.

POST /api/v1/verify                      check a signed PDF (multipart field `file`)
GET  /api/v1/results/{code}              a result's registered metadata, by its verification code
GET  /api/v1/dossiers/{code}/result.pdf  the dossier's signed result (staff, the applicant)

The first two are public: anyone who holds a result (a bank, a court, another province) may
check it. The file is for staff who may see the dossier and for the dossier's applicant.
Moments are ISO 8601 with the +07:00 offset; the holder's ID number is masked.
"""

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from motcua.api.auth import SIGNED_IN
from motcua.api.errors import ApiError, ErrorOut
from motcua.core.clock import isoformat
from motcua.core.rate_limits import allow_request, client_address
from motcua.core.uploads import FileKind, UploadRefused, inspect_upload
from motcua.integrations.signing.verification import SignatureCheck, Verdict, verify_pdf
from motcua.results.errors import ResultNotFound, ResultRefused
from motcua.results.queries import (
    PublicResult,
    find_public_result_by_sha256,
    get_dossier_result_for,
    get_public_result,
    read_result_file,
)
from motcua.results.services import verification_url

router = Router(tags=["results"])

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
RATE_WINDOW_SECONDS = 3600


class ResultOut(Schema):
    verification_code: str
    verification_url: str
    title: str
    summary: str
    type_code: str
    holder_id_number: str
    e_result_code: str
    valid_from: date | None
    valid_until: date | None
    validity_scope: str
    signer: str
    signer_position: str
    seal: str
    signed_at: str
    issued_at: str
    version: int
    sha256: str
    replaces: str | None
    replaced_by: str | None
    correction_reason: str


class SignatureOut(Schema):
    field_name: str
    signer: str
    signer_subject: str
    issuer: str
    certificate_sha256: str
    signed_at: str | None
    timestamped: bool
    timestamp_trusted: bool
    intact: bool
    trusted: bool
    revoked: bool
    revoked_at: str | None
    revocation_checked_on: str | None
    covers_whole_document: bool
    test_authority: bool


class VerdictOut(Schema):
    intact: bool
    trusted: bool
    revoked: bool
    revocation_checked: bool
    signer: str | None
    signed_at: str | None
    signed: bool
    readable: bool
    test_authority: bool
    sha256: str
    signatures: list[SignatureOut]
    registered: ResultOut | None


def _moment(value: datetime | None) -> str | None:
    return isoformat(value) if value else None


def _result_out(result: PublicResult) -> ResultOut:
    return ResultOut(
        verification_code=result.verification_code,
        verification_url=verification_url(result.verification_code),
        title=result.title,
        summary=result.summary,
        type_code=result.type_code,
        holder_id_number=result.holder_id_number_masked,
        e_result_code=result.e_result_code_masked,
        valid_from=result.valid_from,
        valid_until=result.valid_until,
        validity_scope=result.validity_scope,
        signer=result.signer_name,
        signer_position=result.signer_position,
        seal=result.seal_name,
        signed_at=isoformat(result.signed_at),
        issued_at=isoformat(result.issued_at),
        version=result.version,
        sha256=result.sha256,
        replaces=result.replaces_code,
        replaced_by=result.replaced_by_code,
        correction_reason=result.correction_reason,
    )


def _signature_out(check: SignatureCheck) -> SignatureOut:
    return SignatureOut(
        **{
            **check.__dict__,
            "signed_at": _moment(check.signed_at),
            "revoked_at": _moment(check.revoked_at),
            "revocation_checked_on": _moment(check.revocation_checked_on),
        }
    )


def _verdict_out(verdict: Verdict, registered: PublicResult | None) -> VerdictOut:
    return VerdictOut(
        intact=verdict.intact,
        trusted=verdict.trusted,
        revoked=verdict.revoked,
        revocation_checked=verdict.revocation_checked,
        signer=verdict.signer,
        signed_at=_moment(verdict.signed_at),
        signed=verdict.signed,
        readable=verdict.readable,
        test_authority=verdict.test_authority,
        sha256=verdict.sha256,
        signatures=[_signature_out(check) for check in verdict.signatures],
        registered=_result_out(registered) if registered else None,
    )


@router.post(
    "/verify",
    response={200: VerdictOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Check a signed PDF",
    description=(
        "Upload a PDF as the multipart field `file` (up to 20 MB). Answers whether every "
        "signature is intact (`intact`: the file was not altered after signing), whether the "
        "certificates chain to a trusted root (`trusted`), the first signer and signing time "
        "(the RFC 3161 timestamp when present), whether a certificate is revoked according to the "
        "revocation lists kept (`revocation_checked` false: no list of the issuer is kept), "
        "each signature's details, and the registered "
        "result whose file has the same SHA-256, if any. The verdict agrees with poppler's "
        "`pdfsig` given the same trust roots. Limited per address and hour."
    ),
)
def verify(request: HttpRequest, file: File[UploadedFile]) -> VerdictOut:
    allowed = allow_request(
        key=f"verify-api:{client_address(request)}",
        limit=settings.VERIFICATION_UPLOADS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
    )
    if not allowed:
        raise ApiError(
            "too_many_requests",
            _("Too many files checked from this address in the last hour. Try again later."),
            status=429,
        )
    try:
        inspected = inspect_upload(
            file=file, allowed_kinds=frozenset({FileKind.PDF}), max_bytes=MAX_UPLOAD_BYTES
        )
    except UploadRefused as error:
        raise ApiError(error.code, error.message, details=error.details or None) from None
    verdict = verify_pdf(pdf=file.read())
    return _verdict_out(verdict, find_public_result_by_sha256(sha256=inspected.sha256))


@router.get(
    "/results/{code}",
    response={200: ResultOut, 404: ErrorOut},
    summary="Registered metadata of a signed result",
    description=(
        "The metadata registered when the result was issued (Decree 118/2025 Art. 19.2: type "
        "code, holder's ID number masked but for its last three digits, name, summary, "
        "validity period and scope), who signed it and when, its version and the versions it "
        "corrects or that replace it. `code` is the verification code printed under the QR code."
    ),
)
def result_metadata(request: HttpRequest, code: str) -> ResultOut:
    try:
        return _result_out(get_public_result(verification_code=code))
    except ResultRefused as error:
        raise ApiError(error.code, error.message, status=error.status) from None


@router.get(
    "/dossiers/{code}/result.pdf",
    auth=SIGNED_IN,
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    summary="The signed result of a dossier",
    description=(
        "The signed PDF of the dossier's result in its latest version (a correction replaces "
        "the result it corrects), for staff who may see the dossier (bearer token or session) "
        "and for the dossier's applicant (signed-in session). A dossier without a signed "
        "result, a dossier that does not exist and one the caller may not see all answer 404 "
        "`result_not_found`."
    ),
    operation_id="get_dossier_result_pdf",
)
def dossier_result_pdf(request: HttpRequest, code: str) -> HttpResponse:
    try:
        result = get_dossier_result_for(user=request.auth, dossier_code=code)  # type: ignore[attr-defined]
    except ResultNotFound as error:
        raise ApiError(error.code, error.message, status=404) from None
    response = HttpResponse(read_result_file(result=result), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{result.verification_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
