from io import BytesIO

from openpyxl import load_workbook

from motcua.documents import specimens
from motcua.documents.register_workbook import COLUMNS, register_workbook


def test_register_workbook_has_the_header_and_one_row_per_dossier() -> None:
    # given a register of 25 dossiers
    context = specimens.register(entries=25)
    # when exported as a workbook
    sheet = load_workbook(BytesIO(register_workbook(context=context))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    # then the header row names every column and each dossier has its row, in order
    header_index = next(index for index, row in enumerate(rows) if row[0] == "STT")
    assert rows[header_index] == tuple(title for title, _ in COLUMNS)
    body = rows[header_index + 1 :]
    assert len(body) == 25
    assert body[0][:2] == (1, "000.00.00.H34-251006-0001")
    assert body[-1][:2] == (25, "000.00.00.H34-251006-0025")
    assert body[0][7] == "08:37 06/10/2025"
    assert rows[0][0] == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH KHÁNH HÒA"
    assert "SỔ THEO DÕI HỒ SƠ" in [row[0] for row in rows[:header_index]]


def test_register_workbook_leaves_moments_not_yet_reached_empty() -> None:
    # given a register whose first dossier has not been returned yet
    context = specimens.register(entries=3)
    assert context.entries[0].returned_at is None
    # when exported
    sheet = load_workbook(BytesIO(register_workbook(context=context))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    # then its "returned" cell is empty while the third (returned) one is filled
    first, third = rows[-3], rows[-1]
    assert first[11] in (None, "")
    assert third[11] == "16:30 09/10/2025"
