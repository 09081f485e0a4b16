"""Specimen contexts of every form, filled with plausible Vietnamese data.

For previews, the benchmark and tests: `specimen(key)` returns a context ready to render.
Nothing here is real personal data.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

from motcua.core.clock import VIETNAM
from motcua.documents import registry
from motcua.documents.contexts import (
    Applicant,
    ControlSlipContext,
    ExtensionContext,
    FormContext,
    Handover,
    Issuer,
    ReceiptContext,
    RefusalContext,
    RegisterContext,
    RegisterEntry,
    ResultDelivery,
    Signer,
    StopNoticeContext,
    SubmittedDocument,
    SupplementRequestContext,
    Timeliness,
)

ISSUER = Issuer(
    parent_name="Ủy ban nhân dân tỉnh Khánh Hòa",
    name="Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
    place="Khánh Hòa",
)
APPLICANT = Applicant(
    name="Nguyễn Thị Hồng Đào",
    address="12 đường Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
    phone="0905 123 456",
    email="dao.nguyen@example.vn",
)
DOSSIER_CODE = "000.00.00.H34-251006-0001"
PROCEDURE_NAME = "Cấp Giấy chứng nhận đăng ký hộ kinh doanh"
LEAD_AGENCY = "Sở Tài chính tỉnh Khánh Hòa"
RECEIVED_AT = datetime(2025, 10, 6, 8, 30, tzinfo=VIETNAM)
DUE_AT = datetime(2025, 10, 9, 16, 30, tzinfo=VIETNAM)
SIGNER = Signer(position="Giám đốc", name="Trần Văn Minh", acting_for="KT. Giám đốc")


def receipt() -> ReceiptContext:
    return ReceiptContext(
        issuer=ISSUER,
        issued_on=RECEIVED_AT.date(),
        dossier_code=DOSSIER_CODE,
        lookup_url=f"https://motcua.example/tra-cuu/{DOSSIER_CODE}?s=7KQ4M9TX",
        lookup_secret="7KQ4-M9TX",  # noqa: S106 - a specimen, not a credential
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        documents=(
            SubmittedDocument(name="Giấy đề nghị đăng ký hộ kinh doanh", originals=1),
            SubmittedDocument(name="Bản sao căn cước của chủ hộ kinh doanh", copies=1),
            SubmittedDocument(name="Hợp đồng thuê địa điểm kinh doanh", originals=1, copies=1),
        ),
        sets=1,
        processing_time="03 ngày làm việc",
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        result_delivery=ResultDelivery.COUNTER,
        register_book="01/2025",
        register_number="1254",
        officer_name="Lê Thị Thu Hà",
    )


def supplement_request() -> SupplementRequestContext:
    return SupplementRequestContext(
        issuer=ISSUER,
        issued_on=date(2025, 10, 7),
        dossier_code=DOSSIER_CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        received_at=RECEIVED_AT,
        requests=(
            "Bổ sung bản sao hợp đồng thuê địa điểm có chữ ký của bên cho thuê",
            "Ghi rõ ngành, nghề kinh doanh theo Hệ thống ngành kinh tế Việt Nam",
        ),
        reason="Hồ sơ chưa đủ thành phần theo quy định",
        contact_name="bà Lê Thị Thu Hà",
        contact_phone="0258 3 822 123",
        officer_name="Lê Thị Thu Hà",
    )


def refusal() -> RefusalContext:
    return RefusalContext(
        issuer=ISSUER,
        issued_on=RECEIVED_AT.date(),
        dossier_code=DOSSIER_CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        reasons=("Ngành, nghề đăng ký thuộc danh mục cấm đầu tư kinh doanh",),
        officer_name="Lê Thị Thu Hà",
    )


def extension() -> ExtensionContext:
    return ExtensionContext(
        issuer=ISSUER,
        issued_on=date(2025, 10, 8),
        reference="125/TB-TTPVHCC",
        dossier_code=DOSSIER_CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        new_due_at=datetime(2025, 10, 14, 16, 30, tzinfo=VIETNAM),
        reason="Cần xác minh thông tin địa điểm kinh doanh với Ủy ban nhân dân phường",
        signer=SIGNER,
        recipients=("Sở Tài chính tỉnh Khánh Hòa", "Lưu: VT"),
    )


def stop_notice() -> StopNoticeContext:
    return StopNoticeContext(
        issuer=ISSUER,
        issued_on=date(2025, 10, 8),
        reference="126/TB-TTPVHCC",
        dossier_code=DOSSIER_CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        received_at=RECEIVED_AT,
        reason="Người nộp hồ sơ đề nghị rút hồ sơ ngày 07/10/2025",
        returned_documents=("Hợp đồng thuê địa điểm kinh doanh (bản chính)",),
        signer=SIGNER,
        recipients=("Lưu: VT",),
    )


def control_slip() -> ControlSlipContext:
    return ControlSlipContext(
        issuer=ISSUER,
        issued_on=RECEIVED_AT.date(),
        dossier_code=DOSSIER_CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE_NAME,
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        lead_agency=LEAD_AGENCY,
        partner_agencies=("Ủy ban nhân dân phường Nha Trang",),
        handovers=(
            Handover(
                from_unit="Bộ phận Một cửa",
                from_person="Lê Thị Thu Hà",
                to_unit="Phòng Đăng ký kinh doanh",
                to_person="Phạm Quốc Đạt",
                handed_over_at=RECEIVED_AT + timedelta(hours=1),
                timeliness=Timeliness.EARLY,
            ),
            Handover(
                from_unit="Phòng Đăng ký kinh doanh",
                to_unit="Lãnh đạo Sở",
                handed_over_at=datetime(2025, 10, 8, 10, 0, tzinfo=VIETNAM),
                timeliness=Timeliness.ON_TIME,
            ),
            Handover(
                from_unit="Lãnh đạo Sở",
                to_unit="Bộ phận Một cửa",
                handed_over_at=datetime(2025, 10, 10, 9, 0, tzinfo=VIETNAM),
                timeliness=Timeliness.LATE,
                note="Chờ xác minh địa điểm",
            ),
        ),
    )


def register(entries: int = 12) -> RegisterContext:
    rows = tuple(
        RegisterEntry(
            dossier_code=f"000.00.00.H34-251006-{number:04d}",
            procedure_name=PROCEDURE_NAME,
            applicant=APPLICANT,
            lead_agency=LEAD_AGENCY,
            received_at=RECEIVED_AT + timedelta(minutes=7 * number),
            due_at=DUE_AT,
            transferred_at=RECEIVED_AT + timedelta(hours=2),
            returned_at=DUE_AT if number % 3 == 0 else None,
        )
        for number in range(1, entries + 1)
    )
    return RegisterContext(
        issuer=ISSUER,
        issued_on=date(2025, 10, 31),
        book="01/2025",
        period_from=date(2025, 10, 1),
        period_to=date(2025, 10, 31),
        entries=rows,
    )


SPECIMENS: dict[str, Callable[[], FormContext]] = {
    registry.RECEIPT: receipt,
    registry.SUPPLEMENT_REQUEST: supplement_request,
    registry.REFUSAL: refusal,
    registry.EXTENSION: extension,
    registry.STOP_NOTICE: stop_notice,
    registry.CONTROL_SLIP: control_slip,
    registry.REGISTER: register,
}


def specimen(key: str) -> FormContext:
    """Return the specimen context of form `key`; raises KeyError for an unknown key."""
    return SPECIMENS[key]()
