"""Form 07, the dossier register, as an Excel workbook (the same columns as the PDF)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from motcua.core.clock import format_moment
from motcua.documents.contexts import RegisterContext
from motcua.documents.rendering import document_date_line, form_for

COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("Mã hồ sơ", 28),
    ("Tên thủ tục hành chính", 40),
    ("Số lượng hồ sơ (bộ)", 10),
    ("Tên cá nhân, tổ chức", 26),
    ("Địa chỉ, số điện thoại", 36),
    ("Cơ quan chủ trì giải quyết", 28),
    ("Nhận hồ sơ", 17),
    ("Hẹn trả kết quả", 17),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 17),
    ("Nhận kết quả từ cơ quan giải quyết", 17),
    ("Trả kết quả cho cá nhân, tổ chức", 17),
    ("Ghi chú", 20),
)
_FONT = "Times New Roman"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ROW = 6


def register_workbook(*, context: RegisterContext) -> bytes:
    """Return the register as .xlsx bytes: title rows, a header row, one row per dossier.

    Moments are written as text in hh:mm dd/mm/yyyy, as on the printed form, so that the
    workbook reads the same in any spreadsheet locale. Raises UnknownForm like the PDF does.
    """
    form = form_for(context)
    workbook = Workbook()
    sheet: Worksheet = workbook.active
    sheet.title = "So theo doi ho so"
    sheet.append([context.issuer.name.upper()])
    sheet.append([f"Mẫu số {form.number} ({form.legal_basis})"])
    sheet.append([form.title.upper()])
    sheet.append([f"Quyển số: {context.book}" if context.book else ""])
    sheet.append([document_date_line(place=context.issuer.place, on=context.issued_on)])
    sheet.append([title for title, _ in COLUMNS])
    for row, entry in enumerate(context.entries, start=1):
        contact = "\n".join(
            part for part in (entry.applicant.address, entry.applicant.phone) if part
        )
        sheet.append(
            [
                row,
                entry.dossier_code,
                entry.procedure_name,
                entry.sets,
                entry.applicant.name,
                contact,
                entry.lead_agency,
                format_moment(entry.received_at),
                format_moment(entry.due_at),
                format_moment(entry.transferred_at) if entry.transferred_at else "",
                format_moment(entry.result_received_at) if entry.result_received_at else "",
                format_moment(entry.returned_at) if entry.returned_at else "",
                entry.note,
            ]
        )
    _style(sheet, rows=len(context.entries))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _style(sheet: Worksheet, *, rows: int) -> None:
    for row in sheet.iter_rows(min_row=1, max_row=_HEADER_ROW - 1):
        for cell in row:
            cell.font = Font(name=_FONT, size=12, bold=cell.row in (1, 3))
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=_HEADER_ROW, max_row=_HEADER_ROW + rows):
        for cell in row:
            cell.border = _BORDER
            cell.alignment = _WRAP
            cell.font = Font(name=_FONT, size=11, bold=cell.row == _HEADER_ROW)
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
