"""Request and response bodies of the dossier API (`api/dossiers.py`)."""

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema

from motcua.core.clock import isoformat
from motcua.dossiers.choices import DossierStatus, PaymentMethod, ReturnMethod

CODE_PATTERN = r"^[0-9A-Za-z.]{1,32}-\d{6}-\d{4,}$"
SHORT = 300
LONG = 4000
# Base64 of the 20 MB a document may weigh, with room for padding.
MAX_BASE64 = 28 * 1024 * 1024


class ApplicantIn(Schema):
    name: str = Field(min_length=1, max_length=SHORT, description="Full name or organisation.")
    kind: Literal["citizen", "business", "organization"] = "citizen"
    id_number: str = Field("", max_length=20, description="ID number (CCCD) or tax code.")
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class DocumentIn(Schema):
    code: str = Field("", max_length=32, description="Code of the required document answered.")
    title: str = Field("", max_length=SHORT)
    originals: int = Field(0, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)
    file_name: str = Field("", max_length=255, description="Name of the file, e.g. to-khai.pdf.")
    content_base64: str = Field(
        "", max_length=MAX_BASE64, description="The file (PDF, JPEG, PNG, DOCX, XLSX), base64."
    )
    digitised_at_intake: bool = False
    reused: bool = False
    type_code: str = Field("", max_length=50)
    holder_id_number: str = Field("", max_length=20, description="ID number or organisation code.")
    summary: str = Field("", max_length=LONG)
    valid_from: date | None = None
    valid_until: date | None = None
    validity_scope: str = Field("", max_length=SHORT)


class IntakeIn(Schema):
    procedure_code: str = Field(min_length=1, max_length=64, description="e.g. 1.001193.")
    variant_code: str = Field("", max_length=64, description="Case of the procedure.")
    channel: Literal[1, 2, 3] = Field(1, description="1 counter, 2 online, 3 post.")
    service_centre: str = Field(
        "", max_length=32, description="Receiving centre's code; default: the caller's centre."
    )
    agency: str = Field("", max_length=32, description="Competent agency's identifier code.")
    applicant: ApplicantIn
    documents: list[DocumentIn] = Field(default_factory=list, max_length=50)
    return_method: ReturnMethod = ReturnMethod.COUNTER
    delivery_address: str = Field("", max_length=500)
    postal_tracking_code: str = Field("", max_length=50)
    sets: int = Field(1, ge=1, le=99)
    outcome: Literal["receive", "refuse"] = Field(
        "receive", description="`refuse`: refused at intake (status 3) with `reasons`."
    )
    reasons: list[str] = Field(default_factory=list, max_length=20)


class StepOut(Schema):
    order: int
    name: str
    role: str
    status: str
    agency: str | None
    handler: str | None
    due_at: str | None
    started_at: str | None
    finished_at: str | None


class DossierSummaryOut(Schema):
    """A dossier in a list; read from the model (or from a dict with the same keys)."""

    code: str
    status: DossierStatus
    national_status_code: int
    stage: str
    channel: int
    procedure_code: str
    procedure_name: str
    applicant_name: str
    service_centre: str
    agency: str
    current_agency: str
    received_at: str | None
    due_at: str | None

    @staticmethod
    def resolve_procedure_code(dossier: Any) -> str:
        return _read(dossier, "procedure_code", lambda d: d.procedure_version.procedure.code)

    @staticmethod
    def resolve_procedure_name(dossier: Any) -> str:
        return _read(dossier, "procedure_name", lambda d: d.procedure_version.name)

    @staticmethod
    def resolve_service_centre(dossier: Any) -> str:
        return _read(dossier, "service_centre", lambda d: d.service_centre.code)

    @staticmethod
    def resolve_agency(dossier: Any) -> str:
        return _read(dossier, "agency", lambda d: d.agency.code)

    @staticmethod
    def resolve_current_agency(dossier: Any) -> str:
        return _read(dossier, "current_agency", lambda d: d.current_agency.code)

    @staticmethod
    def resolve_received_at(dossier: Any) -> str | None:
        return _read(dossier, "received_at", lambda d: moment(d.received_at))

    @staticmethod
    def resolve_due_at(dossier: Any) -> str | None:
        return _read(dossier, "due_at", lambda d: moment(d.due_at))


def _read(source: Any, key: str, from_model: Any) -> Any:
    return source[key] if isinstance(source, dict) else from_model(source)


class DossierOut(DossierSummaryOut):
    variant_code: str
    submitted_at: str | None
    intake_due_at: str | None
    decided_at: str | None
    returned_at: str | None
    supplement_requests: int
    extensions: int
    fee_amount_vnd: int
    flags: list[str]
    allowed_acts: list[str]
    steps: list[StepOut]
    documents: list[dict[str, Any]]


class TimelineEntryOut(Schema):
    at: str
    act: str
    actor: str
    status_before: str
    status_after: str
    note: str


class ReasonsIn(Schema):
    reasons: list[str] = Field(min_length=1, max_length=20)


class ItemsIn(Schema):
    items: list[str] = Field(min_length=1, max_length=50)
    reason: str = Field("", max_length=LONG)


class NoteIn(Schema):
    note: str = Field("", max_length=LONG)


class StepIn(NoteIn):
    step: int | None = Field(None, ge=1, le=999, description="Order of the step (parallel).")


class AssignIn(Schema):
    handler: str = Field(min_length=1, max_length=150, description="Username of the officer.")


class TransferIn(NoteIn):
    agency: str = Field(min_length=1, max_length=32, description="Receiving agency's code.")
    hours: int | None = Field(None, ge=1, le=2000, description="Working hours it is given.")


class BulkTransferIn(TransferIn):
    codes: list[str] = Field(min_length=1, max_length=200)


class ConsultIn(Schema):
    agency: str = Field(min_length=1, max_length=32)
    question: str = Field(min_length=1, max_length=LONG)
    hours: int = Field(40, ge=1, le=2000)


class AnswerIn(Schema):
    consultation: int = Field(ge=1)
    answer: str = Field(min_length=1, max_length=LONG)


class DocumentsIn(Schema):
    documents: list[DocumentIn] = Field(default_factory=list, max_length=50)


class PaymentRequestIn(Schema):
    amount_vnd: int | None = Field(None, ge=1, le=10**13)


class PaymentIn(Schema):
    method: PaymentMethod
    amount_vnd: int = Field(ge=1, le=10**13)
    reference: str = Field("", max_length=100)


class WithdrawIn(Schema):
    reason: str = Field(min_length=1, max_length=LONG)


class ExtendIn(Schema):
    new_due_at: str = Field(max_length=40, description="ISO 8601; local time without offset.")
    reason: str = Field(min_length=1, max_length=LONG)


class ApproveIn(Schema):
    summary: str = Field("", max_length=LONG)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=20)


class ReturnIn(Schema):
    method: ReturnMethod = ReturnMethod.COUNTER
    receiver_name: str = Field("", max_length=200)
    receiver_id_number: str = Field("", max_length=20)
    postal_tracking_code: str = Field("", max_length=50)


class BulkOutcomeOut(Schema):
    code: str
    ok: bool
    error: str
    message: str


def moment(value: Any) -> str | None:
    return isoformat(value) if value is not None else None
