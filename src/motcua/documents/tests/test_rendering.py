import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from motcua.core.pdf import PdfRenderingError, render_html_to_pdf
from motcua.documents import registry, specimens
from motcua.documents.contexts import Applicant
from motcua.documents.rendering import document_date_line, form_for, render_form_pdf

A4_PORTRAIT = "595.276 x 841.89 pts (A4)"
A4_LANDSCAPE = "841.89 x 595.276 pts (A4)"
MM = 72 / 25.4


@pytest.mark.parametrize("key", sorted(registry.FORMS))
def test_every_form_renders_as_an_a4_pdf_with_the_national_motto(
    key: str, pdf_text: Callable[[bytes], str], pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    # given the specimen of the form
    context = specimens.specimen(key)
    # when it is rendered
    pdf = render_form_pdf(context=context)
    # then it is a whole PDF on A4 pages, with the motto header, title and form number
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    expected_size = A4_LANDSCAPE if key == registry.REGISTER else A4_PORTRAIT
    info = pdf_info(pdf)
    assert info["Page size"] == expected_size
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    form = form_for(context)
    assert form.title.upper() in re.sub(r"\s+", " ", text)
    assert f"Mẫu số {form.number}" in text
    assert "Khánh Hòa, ngày" in text
    assert info["Subject"] == (
        f"Mẫu số {form.number} – {form.legal_basis} – áp dụng từ "
        f"{form.effective_from.strftime('%d/%m/%Y')}"
    )


def test_receipt_shows_code_applicant_procedure_and_the_received_and_due_moments(
    pdf_text: Callable[[bytes], str],
) -> None:
    # given a receipt received at 08:30 on 6 Oct 2025, due 16:30 on 9 Oct 2025
    context = specimens.receipt()
    # when rendered
    text = pdf_text(render_form_pdf(context=context))
    # then the text carries every field a citizen relies on, with diacritics intact
    for expected in (
        "000.00.00.H34-251006-0001",
        "Mã tra cứu: 7KQ4-M9TX",
        "Nguyễn Thị Hồng Đào",
        "12 đường Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        "0905 123 456",
        "dao.nguyen@example.vn",
        "Cấp Giấy chứng nhận đăng ký hộ kinh doanh",
        "Bản sao căn cước của chủ hộ kinh doanh",
        "Số lượng hồ sơ: 1 (bộ)",
        "03 ngày làm việc",
        "Thời gian nhận hồ sơ: 08:30 06/10/2025",
        "Thời gian trả kết quả giải quyết hồ sơ: 16:30 09/10/2025",
        "Tại Bộ phận Một cửa",
        "Quyển số: 01/2025, Số thứ tự: 1254",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Thu Hà",
    ):
        assert expected in text


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbar-tools not installed")
def test_receipt_qr_code_decodes_to_the_public_lookup_address(
    pdf_tools: None, tmp_path: Path
) -> None:
    # given a rendered receipt rasterised at 200 dpi
    context = specimens.receipt()
    (tmp_path / "receipt.pdf").write_bytes(render_form_pdf(context=context))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", "receipt.pdf", "receipt"],
        cwd=tmp_path,
        check=True,
    )
    # when a QR reader scans the page
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "receipt.png"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # then it reads the lookup address of the dossier, with its lookup secret
    assert scanned == context.lookup_url
    assert scanned.endswith("/tra-cuu/000.00.00.H34-251006-0001?s=7KQ4M9TX")


def test_control_slip_shows_each_hand_over_with_its_time_and_timeliness(
    pdf_text: Callable[[bytes], str],
) -> None:
    # given a control slip with an early, an on-time and a late hand-over
    context = specimens.control_slip()
    # when rendered
    text = pdf_text(render_form_pdf(context=context))
    # then every hand-over is there with its moment and its outcome
    for expected in ("09:30 06/10/2025", "10:00 08/10/2025", "09:00 10/10/2025"):
        assert expected in text
    outcomes = re.findall(r"Trước hạn|Đúng hạn|Quá hạn", text)
    assert outcomes[-3:] == ["Trước hạn", "Đúng hạn", "Quá hạn"]


def test_extension_letter_shows_the_missed_and_the_new_appointment(
    pdf_text: Callable[[bytes], str],
) -> None:
    # given an apology letter moving the appointment from 9 to 14 Oct 2025
    context = specimens.extension()
    # when rendered
    text = re.sub(r"\s+", " ", pdf_text(render_form_pdf(context=context)))
    # then both moments, the reason and the signer are printed
    assert "16:30 09/10/2025" in text
    assert "16:30 14/10/2025" in text
    assert "Cần xác minh thông tin địa điểm kinh doanh" in text
    assert "Số: 125/TB-TTPVHCC" in text
    assert "KT. GIÁM ĐỐC" in text


def test_register_runs_over_several_pages_and_keeps_every_row(
    pdf_text: Callable[[bytes], str], pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    # given a register of 40 dossiers
    context = specimens.register(entries=40)
    # when rendered
    pdf = render_form_pdf(context=context)
    # then it takes more than one landscape page and lists the first and last dossier
    assert int(pdf_info(pdf)["Pages"]) > 1
    text = pdf_text(pdf)
    assert "000.00.00.H34-251006-0001" in text
    assert "000.00.00.H34-251006-0040" in text


def test_applicant_text_is_printed_literally_not_interpreted_as_markup(
    pdf_text: Callable[[bytes], str],
) -> None:
    # given an applicant whose name contains markup
    context = replace(specimens.receipt(), applicant=Applicant(name="<img src=x.png>Lê & Co"))
    # when rendered
    text = pdf_text(render_form_pdf(context=context))
    # then the markup is shown as text (an image would have been refused, failing the render)
    assert "<img src=x.png>Lê & Co" in text


def test_forms_are_set_in_a_font_with_times_new_roman_metrics(
    pdf_fonts: Callable[[bytes], str],
) -> None:
    # given a rendered receipt
    pdf = render_form_pdf(context=specimens.receipt())
    # when its fonts are listed
    fonts = pdf_fonts(pdf)
    # then only Times New Roman, or Liberation Serif with its metrics, is embedded
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names
    assert all(name.startswith(("Liberation-Serif", "TimesNewRoman")) for name in names)


def test_text_stays_inside_the_decree_30_margins(pdf_tools: None, tmp_path: Path) -> None:
    # given a rendered receipt and the bounding boxes of its words
    (tmp_path / "receipt.pdf").write_bytes(render_form_pdf(context=specimens.receipt()))
    subprocess.run(["pdftotext", "-bbox", "receipt.pdf", "words.html"], cwd=tmp_path, check=True)
    boxes = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"',
        (tmp_path / "words.html").read_text(encoding="utf-8"),
    )
    # when the outermost words are found
    left = min(float(box[0]) for box in boxes)
    top = min(float(box[1]) for box in boxes)
    right = max(float(box[2]) for box in boxes)
    bottom = max(float(box[3]) for box in boxes)
    # then the text keeps 30 mm left, 15 mm right and 20 mm top and bottom
    assert left >= 30 * MM - 0.5
    assert right <= (210 - 15) * MM + 0.5
    assert top >= 20 * MM - 0.5
    assert bottom <= (297 - 20) * MM + 0.5


def test_a_remote_resource_is_refused_instead_of_fetched() -> None:
    # given a document that asks for a stylesheet on the network
    html = '<html><head><link rel="stylesheet" href="https://example.com/x.css"></head></html>'
    # when it is rendered
    # then rendering stops with a clear error
    with pytest.raises(PdfRenderingError, match="https"):
        render_html_to_pdf(html=html)


def test_a_local_file_outside_the_document_assets_is_refused() -> None:
    # given a document that asks for a file elsewhere on the machine
    html = '<html><body><img src="file:///etc/hostname"></body></html>'
    # when it is rendered
    # then rendering stops instead of embedding the file
    with pytest.raises(PdfRenderingError, match="outside the document assets"):
        render_html_to_pdf(html=html)


@pytest.mark.parametrize(
    ("on", "line"),
    [
        (date(2025, 2, 5), "Khánh Hòa, ngày 05 tháng 02 năm 2025"),
        (date(2026, 1, 31), "Khánh Hòa, ngày 31 tháng 01 năm 2026"),
        (date(2025, 3, 1), "Khánh Hòa, ngày 01 tháng 3 năm 2025"),
        (date(2025, 9, 15), "Khánh Hòa, ngày 15 tháng 9 năm 2025"),
        (date(2025, 12, 9), "Khánh Hòa, ngày 09 tháng 12 năm 2025"),
    ],
)
def test_date_line_pads_days_below_10_and_only_january_and_february(on: date, line: str) -> None:
    # Decree 30/2020 Appendix I: a leading zero for days 1–9 and months 1 and 2
    assert document_date_line(place="Khánh Hòa", on=on) == line
