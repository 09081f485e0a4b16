"""What each official form prints: plain, typed values the dossier app fills in.

The forms never read models. A caller builds one of the `*Context` dataclasses below and hands
it to `motcua.documents.rendering.render_form_pdf`. Moments are aware datetimes (printed as
hh:mm dd/mm/yyyy in Vietnam's time zone); texts are printed as given, escaped.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ResultDelivery(StrEnum):
    """Where the applicant registered to receive the result (Decree 118/2025 Art. 15)."""

    COUNTER = "counter"  # at the one-stop counter
    POST = "post"  # by the public postal service
    ONLINE = "online"  # electronically, through the portal


RESULT_DELIVERY_LABELS = {
    ResultDelivery.COUNTER: "Tại Bộ phận Một cửa",
    ResultDelivery.POST: "Qua dịch vụ bưu chính công ích",
    ResultDelivery.ONLINE: "Trực tuyến qua Cổng Dịch vụ công",
}


class Timeliness(StrEnum):
    """How a step finished against its due moment: early, on time or late."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


TIMELINESS_LABELS = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
}


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """The body that issues a form, printed top-left, and the place name of the date line.

    `parent_name`: the governing body ("Ủy ban nhân dân tỉnh Khánh Hòa"), may be empty;
    `name`: the issuing body ("Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa");
    `place`: the place name of the date line ("Khánh Hòa").
    Both names are printed in capitals, as Decree 30/2020 asks.
    """

    name: str
    place: str
    parent_name: str = ""


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """The person or organisation the dossier belongs to, as printed on the forms."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class Signer:
    """Who signs a letter: `position` ("Giám đốc"), `name`; `acting_for` ("KT. GIÁM ĐỐC")."""

    position: str
    name: str
    acting_for: str = ""


@dataclass(frozen=True, kw_only=True)
class FormContext:
    """Fields every form has: the issuing body and the day the form is issued.

    `issued_on` also picks the edition of the form in force (see `registry.form_in_force`).
    """

    issuer: Issuer
    issued_on: date


@dataclass(frozen=True, kw_only=True)
class SubmittedDocument:
    """A document handed in: its name and how many originals and copies."""

    name: str
    originals: int = 0
    copies: int = 0


@dataclass(frozen=True, kw_only=True)
class ReceiptContext(FormContext):
    """Form 01: receipt of the dossier and appointment to return the result.

    `lookup_url`: the public address where the dossier can be looked up, encoded in the QR code;
    `lookup_secret`: printed beside the code, it proves the holder may look the dossier up;
    `processing_time`: the statutory time as printed ("15 ngày làm việc");
    `sets`: how many sets of the dossier were handed in;
    `register_book` / `register_number`: book and line of the dossier register (form 07).
    """

    dossier_code: str
    lookup_url: str
    lookup_secret: str = ""
    applicant: Applicant
    procedure_name: str
    documents: tuple[SubmittedDocument, ...]
    sets: int = 1
    processing_time: str
    received_at: datetime
    due_at: datetime
    result_delivery: ResultDelivery = ResultDelivery.COUNTER
    delivery_address: str = ""
    register_book: str = ""
    register_number: str = ""
    officer_name: str

    @property
    def result_delivery_label(self) -> str:
        return RESULT_DELIVERY_LABELS[self.result_delivery]


@dataclass(frozen=True, kw_only=True)
class SupplementRequestContext(FormContext):
    """Form 02: request to supplement or complete the dossier (Decree 118/2025 Art. 19.5).

    `requests`: each item the applicant must add or correct; `reason`: why;
    `contact_name` / `contact_phone`: whom to ask; `officer_name`: who guided the applicant.
    """

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: datetime | None = None
    requests: tuple[str, ...]
    reason: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    officer_name: str


@dataclass(frozen=True, kw_only=True)
class RefusalContext(FormContext):
    """Form 03: refusal to receive and settle the dossier, with the reasons."""

    dossier_code: str = ""
    applicant: Applicant
    procedure_name: str
    reasons: tuple[str, ...]
    officer_name: str


@dataclass(frozen=True, kw_only=True)
class ExtensionContext(FormContext):
    """Form 04: apology and request to extend the processing time (Decree 118/2025 Art. 19.6).

    `reference`: number and symbol of the letter ("15/TB-TTPVHCC"); `due_at`: the due moment
    that will be missed; `new_due_at`: the new appointment.
    """

    reference: str = ""
    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    due_at: datetime
    new_due_at: datetime
    reason: str
    signer: Signer
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class StopNoticeContext(FormContext):
    """Form 05: notice that the settlement of a dossier stops (Decree 118/2025 Art. 21).

    `reason`: why (the applicant's withdrawal, or the grounds found on appraisal);
    `returned_documents`: papers handed back to the applicant, if any.
    """

    reference: str = ""
    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    reason: str
    returned_documents: tuple[str, ...] = ()
    signer: Signer
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Handover:
    """One hand-over of the dossier between units, for the processing control slip.

    `timeliness` is None while the step is still in progress.
    """

    from_unit: str
    from_person: str = ""
    to_unit: str
    to_person: str = ""
    handed_over_at: datetime
    timeliness: Timeliness | None = None
    note: str = ""

    @property
    def timeliness_label(self) -> str:
        return TIMELINESS_LABELS[self.timeliness] if self.timeliness else ""


@dataclass(frozen=True, kw_only=True)
class ControlSlipContext(FormContext):
    """Form 06: control slip of the processing, one row per hand-over with its time and outcome.

    `lead_agency`: the agency that settles the dossier; `partner_agencies`: those consulted or
    working inter-agency.
    """

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    due_at: datetime
    lead_agency: str
    partner_agencies: tuple[str, ...] = ()
    handovers: tuple[Handover, ...]


@dataclass(frozen=True, kw_only=True)
class RegisterEntry:
    """One line of the dossier register (form 07)."""

    dossier_code: str
    procedure_name: str
    sets: int = 1
    applicant: Applicant
    lead_agency: str
    received_at: datetime
    due_at: datetime
    transferred_at: datetime | None = None
    result_received_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class RegisterContext(FormContext):
    """Form 07: the dossier register of a one-stop counter for a period.

    `book`: the book number ("01/2025"); `period_from` / `period_to`: the days covered.
    """

    book: str = ""
    period_from: date
    period_to: date
    entries: tuple[RegisterEntry, ...] = ()
