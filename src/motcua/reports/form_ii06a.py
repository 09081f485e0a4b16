"""Form II.06a (Circular 01/2020/TT-VPCP) as an Excel workbook and an A4 landscape PDF.

The form is official and printed in Vietnamese whatever the interface language; its figures
come from `reports.queries.build_form_ii06a`.
"""

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.core.pdf import render_pdf
from motcua.deadlines.errors import UnknownProvinceError
from motcua.deadlines.queries import get_province_unit
from motcua.reports.queries import FormReport, FormRow

TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
LEGAL_BASIS = "Mẫu số II.06a (Thông tư số 01/2020/TT-VPCP)"
GROUPING_HEADINGS = {
    "agency": "Cơ quan giải quyết",
    "unit": "Đơn vị tiếp nhận",
    "level": "Cấp giải quyết",
    "sector": "Lĩnh vực",
    "procedure": "Thủ tục hành chính",
}
# (heading, width); the figures follow FormRow in this order.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("", 40),
    ("Tổng số hồ sơ nhận giải quyết", 12),
    ("Trong kỳ: trực tuyến", 12),
    ("Trong kỳ: trực tiếp, dịch vụ bưu chính", 14),
    ("Từ kỳ trước chuyển qua", 12),
    ("Tổng số đã giải quyết", 12),
    ("Trước hạn", 10),
    ("Đúng hạn", 10),
    ("Quá hạn", 10),
    ("Tổng số đang giải quyết", 12),
    ("Trong hạn", 10),
    ("Quá hạn", 10),
    ("Rút hồ sơ", 10),
    ("Dừng giải quyết, từ chối", 12),
)


def figures(row: FormRow) -> list[int]:
    """The numbers of one row, in the form's column order."""
    return [
        row.total,
        row.received_online,
        row.received_in_person_or_postal,
        row.carried_over,
        row.resolved,
        row.resolved_early,
        row.resolved_on_time,
        row.resolved_late,
        row.in_progress,
        row.within_time,
        row.overdue,
        row.withdrawn,
        row.refused,
    ]


@dataclass(frozen=True)
class Issuer:
    name: str
    parent_name: str = ""


def province_issuer() -> Issuer:
    """The province's People's Committee (the form is official: Vietnamese by law)."""
    try:
        province = get_province_unit(code=settings.PROVINCE_CODE)
    except UnknownProvinceError:
        return Issuer(name="Ủy ban nhân dân tỉnh")
    return Issuer(name=f"Ủy ban nhân dân {province.name}")


def period_line(report: FormReport) -> str:
    return f"Kỳ báo cáo: từ ngày {report.first_day:%d/%m/%Y} đến ngày {report.last_day:%d/%m/%Y}"


def form_workbook(*, report: FormReport, issuer: Issuer) -> bytes:
    """The form as .xlsx bytes: title rows, a header row, one row per group and the total."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "II.06a"
    sheet.append([issuer.name.upper()])
    sheet.append([LEGAL_BASIS])
    sheet.append([TITLE])
    sheet.append([period_line(report)])
    sheet.append([])
    headings = [heading for heading, _ in COLUMNS]
    headings[1] = GROUPING_HEADINGS[report.grouping]
    sheet.append(headings)
    header_row = sheet.max_row
    for number, row in enumerate(report.rows, start=1):
        sheet.append([number, row.name, *figures(row)])
    sheet.append(["", "Tổng cộng", *figures(report.total)])
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cells in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in cells:
            cell.font = Font(name="Times New Roman", bold=cell.row in {1, 3, header_row})
            if cell.row >= header_row:
                cell.border = border
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def form_pdf(*, report: FormReport, issuer: Issuer) -> bytes:
    """The form on A4 landscape with the national motto header (Decree 30/2020 layout)."""
    numbered = [(number, row, figures(row)) for number, row in enumerate(report.rows, start=1)]
    return render_pdf(
        template="reports/form_ii06a.html",
        context={
            "title": TITLE,
            "legal_basis": LEGAL_BASIS,
            "issuer": issuer,
            "period": period_line(report),
            "grouping_heading": GROUPING_HEADINGS[report.grouping],
            "rows": numbered,
            "total": figures(report.total),
        },
    )
