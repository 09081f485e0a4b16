"""The public lookup of a dossier by its code and lookup secret (or the phone's last digits).

GET /api/v1/lookup/{code}?secret=…   (or ?phone_digits=1234)

Anonymous, with the same rules as the portal's /tra-cuu/: no personal data; an unknown code and
a wrong secret both answer 404 `dossier_not_found` after the same work; limited per address
(429 `too_many_lookups`). Moments are ISO 8601 with the +07:00 offset.
"""

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.api.errors import ApiError, ErrorOut
from motcua.core.clock import isoformat
from motcua.core.rate_limits import client_address
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.public_lookup import LookupLimited, PublicStatus, look_up_dossier

router = Router(tags=["lookup"])


class LookupOut(Schema):
    code: str
    status: str
    status_label: str
    national_status_code: int
    procedure_name: str
    current_agency: str
    submitted_at: str | None
    received_at: str | None
    due_at: str | None
    result_ready: bool
    returned_at: str | None
    closed_at: str | None


def _moment(value: object) -> str | None:
    return isoformat(value) if value is not None else None  # type: ignore[arg-type]


def _out(status: PublicStatus) -> LookupOut:
    return LookupOut(
        code=status.code,
        status=status.status,
        status_label=status.status_label,
        national_status_code=status.national_status_code,
        procedure_name=status.procedure_name,
        current_agency=status.current_agency_name,
        submitted_at=_moment(status.submitted_at),
        received_at=_moment(status.received_at),
        due_at=_moment(status.due_at),
        result_ready=status.result_ready,
        returned_at=_moment(status.returned_at),
        closed_at=_moment(status.closed_at),
    )


@router.get(
    "/lookup/{code}",
    response={200: LookupOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Public status of a dossier",
    description=(
        "Where a dossier stands, for whoever holds its receipt: the dossier code with the "
        "lookup `secret` printed on the receipt, or with the last four digits of the "
        "applicant's phone (`phone_digits`). No personal data is returned. An unknown code and "
        "a wrong secret give the same 404; requests are limited per address (429)."
    ),
)
def lookup_dossier(
    request: HttpRequest, code: str, secret: str = "", phone_digits: str = ""
) -> LookupOut:
    try:
        status = look_up_dossier(
            code=code,
            secret=secret[:64],
            phone_digits=phone_digits[:16],
            address=client_address(request),
        )
    except (DossierNotFound, LookupLimited) as error:
        raise ApiError(error.code, error.message, status=error.status) from None
    return _out(status)
