"""The official forms, each in its editions: number, title, legal basis and effective dates.

A form is picked by its key and the day it is issued, so a dossier received under an older
circular can still be printed as it was. Editions:

- Circular 01/2018/TT-VPCP (guiding Decree 61/2018): forms 01–06, no stop notice.
- Circular 03/2025/TT-VPCP of 15 Sep 2025 (guiding Decree 118/2025), Appendix I: forms 01–07.

Both editions are laid out by the same templates; only number, title and legal basis differ.
"""

from dataclasses import dataclass
from datetime import date


class UnknownForm(LookupError):
    """No edition of the form is in force on the day asked."""


@dataclass(frozen=True, kw_only=True)
class FormTemplate:
    """One edition of an official form.

    `number`: the form number in its circular ("01"); `title`: the document name as printed;
    `template`: the Django template that lays it out; `note`: what is still to be confirmed.
    """

    key: str
    number: str
    title: str
    legal_basis: str
    effective_from: date
    effective_to: date | None = None
    template: str
    note: str = ""

    def is_in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


CIRCULAR_2018 = "Thông tư số 01/2018/TT-VPCP"
CIRCULAR_2025 = "Thông tư số 03/2025/TT-VPCP"
# Reported effective dates; confirm against the Official Gazette before relying on the
# boundary day (a province may also keep the old forms for a transition).
EDITION_2018_FROM = date(2019, 1, 8)
EDITION_2025_FROM = date(2025, 9, 15)
_DATE_NOTE = "effective date as reported; confirm against the Official Gazette"


def _edition(
    key: str, number: str, title: str, template: str, *, edition_2025: bool
) -> FormTemplate:
    return FormTemplate(
        key=key,
        number=number,
        title=title,
        legal_basis=CIRCULAR_2025 if edition_2025 else CIRCULAR_2018,
        effective_from=EDITION_2025_FROM if edition_2025 else EDITION_2018_FROM,
        effective_to=None if edition_2025 else EDITION_2025_FROM,
        template=template,
        note=_DATE_NOTE,
    )


def _edition_2018(key: str, number: str, title: str, template: str) -> FormTemplate:
    return _edition(key, number, title, template, edition_2025=False)


def _edition_2025(key: str, number: str, title: str, template: str) -> FormTemplate:
    return _edition(key, number, title, template, edition_2025=True)


RECEIPT = "receipt"
SUPPLEMENT_REQUEST = "supplement_request"
REFUSAL = "refusal"
EXTENSION = "extension"
STOP_NOTICE = "stop_notice"
CONTROL_SLIP = "control_slip"
REGISTER = "register"

FORMS: dict[str, tuple[FormTemplate, ...]] = {
    RECEIPT: (
        _edition_2018(
            RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "forms/01_receipt.html"
        ),
        _edition_2025(
            RECEIPT, "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "forms/01_receipt.html"
        ),
    ),
    SUPPLEMENT_REQUEST: (
        _edition_2018(
            SUPPLEMENT_REQUEST,
            "02",
            "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            "forms/02_supplement_request.html",
        ),
        _edition_2025(
            SUPPLEMENT_REQUEST,
            "02",
            "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            "forms/02_supplement_request.html",
        ),
    ),
    REFUSAL: (
        _edition_2018(
            REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "forms/03_refusal.html"
        ),
        _edition_2025(
            REFUSAL, "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "forms/03_refusal.html"
        ),
    ),
    EXTENSION: (
        _edition_2018(
            EXTENSION,
            "04",
            "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            "forms/04_extension.html",
        ),
        _edition_2025(
            EXTENSION,
            "04",
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            "forms/04_extension.html",
        ),
    ),
    STOP_NOTICE: (
        _edition_2025(
            STOP_NOTICE, "05", "Thông báo dừng giải quyết hồ sơ", "forms/05_stop_notice.html"
        ),
    ),
    CONTROL_SLIP: (
        _edition_2018(
            CONTROL_SLIP,
            "05",
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "forms/06_control_slip.html",
        ),
        _edition_2025(
            CONTROL_SLIP,
            "06",
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "forms/06_control_slip.html",
        ),
    ),
    REGISTER: (
        _edition_2018(REGISTER, "06", "Sổ theo dõi hồ sơ", "forms/07_register.html"),
        _edition_2025(REGISTER, "07", "Sổ theo dõi hồ sơ", "forms/07_register.html"),
    ),
}


def form_in_force(*, key: str, on: date) -> FormTemplate:
    """Return the edition of form `key` in force on day `on`.

    Raises UnknownForm for an unknown key or a day no edition covers (e.g. a stop notice
    before Circular 03/2025).
    """
    for edition in FORMS.get(key, ()):
        if edition.is_in_force(on):
            return edition
    raise UnknownForm(f"no edition of form {key!r} is in force on {on.isoformat()}")
