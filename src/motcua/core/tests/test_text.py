import pytest

from motcua.core.text import fold, normalize


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký đất đai", "dang ky dat dai"),
        ("ĐĂNG KÝ", "dang ky"),
        ("Dang Ky", "dang ky"),
        ("Cấp giấy phép xây dựng", "cap giay phep xay dung"),
        ("  Hộ   tịch  ", "ho tich"),
        ("Khánh Hòa", "khanh hoa"),
    ],
)
def test_fold_removes_accents_and_maps_d_with_stroke(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_normalize_composes_decomposed_vietnamese() -> None:
    # given "Hòa" typed with a combining grave accent (NFD)
    decomposed = "Ho\u0300a"
    # when normalised
    result = normalize(decomposed)
    # then it is the single precomposed character (NFC)
    assert result == "Hòa"
    assert len(result) == 3
