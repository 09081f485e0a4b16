"""A realistic synthetic catalog for the benchmarks: Vietnamese names from real vocabulary.

Not a test fixture: names combine the verbs, objects and qualifiers of published procedures,
so searches hit the same word overlaps ("đăng ký", "giấy phép", "đất đai") as in production.
"""

import json
import random
from typing import Any

SECTORS = [
    ("DDAI", "Đất đai", "Bộ Nông nghiệp và Môi trường"),
    ("MT", "Môi trường", "Bộ Nông nghiệp và Môi trường"),
    ("XD", "Xây dựng", "Bộ Xây dựng"),
    ("GTVT", "Giao thông vận tải", "Bộ Xây dựng"),
    ("HT", "Hộ tịch", "Bộ Tư pháp"),
    ("CT", "Chứng thực", "Bộ Tư pháp"),
    ("LLTP", "Lý lịch tư pháp", "Bộ Tư pháp"),
    ("DKKD", "Thành lập và hoạt động doanh nghiệp", "Bộ Tài chính"),
    ("HKD", "Hộ kinh doanh", "Bộ Tài chính"),
    ("GD", "Giáo dục và đào tạo", "Bộ Giáo dục và Đào tạo"),
    ("YT", "Y tế", "Bộ Y tế"),
    ("LDVL", "Lao động, việc làm", "Bộ Nội vụ"),
    ("BTXH", "Bảo trợ xã hội", "Bộ Y tế"),
    ("VH", "Văn hóa", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("DL", "Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("CTHUONG", "Công thương", "Bộ Công Thương"),
    ("KHCN", "Khoa học và công nghệ", "Bộ Khoa học và Công nghệ"),
    ("TNMT", "Tài nguyên nước", "Bộ Nông nghiệp và Môi trường"),
]

ACTIONS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Công nhận",
    "Xác nhận",
    "Thẩm định",
    "Phê duyệt",
    "Chấp thuận",
    "Thay đổi nội dung",
    "Đính chính",
    "Cho phép",
]

OBJECTS = {
    "DDAI": [
        "đất đai, tài sản gắn liền với đất",
        "biến động đất đai",
        "quyền sử dụng đất",
        "giao đất, cho thuê đất",
        "chuyển mục đích sử dụng đất",
        "tách thửa, hợp thửa đất",
    ],
    "MT": [
        "kế hoạch bảo vệ môi trường",
        "giấy phép môi trường",
        "báo cáo đánh giá tác động môi trường",
    ],
    "XD": [
        "giấy phép xây dựng",
        "giấy phép xây dựng nhà ở riêng lẻ",
        "chứng chỉ hành nghề xây dựng",
        "giấy phép di dời công trình",
        "thiết kế xây dựng triển khai sau thiết kế cơ sở",
    ],
    "GTVT": [
        "giấy phép lái xe",
        "giấy phép kinh doanh vận tải bằng xe ô tô",
        "phù hiệu xe",
        "đăng ký phương tiện thủy nội địa",
    ],
    "HT": [
        "khai sinh",
        "kết hôn",
        "khai tử",
        "thay đổi, cải chính hộ tịch",
        "nhận cha, mẹ, con",
        "giám hộ",
        "xác nhận tình trạng hôn nhân",
        "trích lục hộ tịch",
    ],
    "CT": ["bản sao từ bản chính", "chữ ký trong giấy tờ, văn bản", "hợp đồng, giao dịch"],
    "LLTP": ["phiếu lý lịch tư pháp", "phiếu lý lịch tư pháp số 2"],
    "DKKD": [
        "doanh nghiệp tư nhân",
        "công ty trách nhiệm hữu hạn một thành viên",
        "công ty cổ phần",
        "chi nhánh, văn phòng đại diện",
        "địa điểm kinh doanh",
    ],
    "HKD": ["hộ kinh doanh", "tạm ngừng kinh doanh của hộ kinh doanh"],
    "GD": [
        "trường mầm non tư thục",
        "trung tâm ngoại ngữ, tin học",
        "văn bằng, chứng chỉ",
        "chuyển trường đối với học sinh trung học",
    ],
    "YT": [
        "giấy phép hành nghề khám bệnh, chữa bệnh",
        "giấy phép hoạt động phòng khám",
        "chứng chỉ hành nghề dược",
        "cơ sở đủ điều kiện an toàn thực phẩm",
    ],
    "LDVL": [
        "giấy phép lao động cho người nước ngoài",
        "trợ cấp thất nghiệp",
        "nội quy lao động",
        "thỏa ước lao động tập thể",
    ],
    "BTXH": [
        "trợ cấp xã hội hằng tháng",
        "hỗ trợ kinh phí nhận nuôi dưỡng, chăm sóc",
        "xác định mức độ khuyết tật",
        "hỗ trợ chi phí mai táng",
    ],
    "VH": ["giấy phép tổ chức lễ hội", "biểu diễn nghệ thuật", "di tích lịch sử - văn hóa"],
    "DL": [
        "giấy phép kinh doanh dịch vụ lữ hành nội địa",
        "thẻ hướng dẫn viên du lịch",
        "cơ sở lưu trú du lịch",
    ],
    "CTHUONG": [
        "giấy phép bán lẻ sản phẩm rượu",
        "cửa hàng bán lẻ xăng dầu",
        "giấy chứng nhận đủ điều kiện kinh doanh khí",
    ],
    "KHCN": [
        "giấy phép tiến hành công việc bức xạ",
        "kết quả thực hiện nhiệm vụ khoa học và công nghệ",
    ],
    "TNMT": ["giấy phép khai thác nước dưới đất", "giấy phép xả nước thải vào nguồn nước"],
}

QUALIFIERS = [
    "",
    "",
    "",
    " lần đầu",
    " do bị mất, hư hỏng",
    " đối với cá nhân",
    " đối với tổ chức",
    " cho người nước ngoài",
    " có yếu tố nước ngoài",
    " tại cấp xã",
    " thuộc thẩm quyền cấp tỉnh",
    " trong khu công nghiệp",
    " khi hết hạn",
    " trường hợp thay đổi thông tin",
]

AGENCIES = {
    "DDAI": "Văn phòng đăng ký đất đai",
    "MT": "Sở Nông nghiệp và Môi trường",
    "TNMT": "Sở Nông nghiệp và Môi trường",
    "XD": "Sở Xây dựng",
    "GTVT": "Sở Xây dựng",
    "HT": "Sở Tư pháp",
    "CT": "Sở Tư pháp",
    "LLTP": "Sở Tư pháp",
    "DKKD": "Sở Tài chính",
    "HKD": "Sở Tài chính",
    "GD": "Sở Giáo dục và Đào tạo",
    "YT": "Sở Y tế",
    "LDVL": "Sở Nội vụ",
    "BTXH": "Sở Y tế",
    "VH": "Sở Văn hóa, Thể thao và Du lịch",
    "DL": "Sở Văn hóa, Thể thao và Du lịch",
    "CTHUONG": "Sở Công Thương",
    "KHCN": "Sở Khoa học và Công nghệ",
}
COMMUNE = "Ủy ban nhân dân cấp xã"
DOCUMENTS = [
    "Đơn đề nghị theo mẫu",
    "Tờ khai theo mẫu",
    "Bản sao giấy tờ tùy thân",
    "Giấy tờ chứng minh quyền sử dụng đất",
    "Bản vẽ thiết kế",
    "Giấy ủy quyền (nếu nộp thay)",
    "Báo cáo kết quả thực hiện",
    "Văn bản chấp thuận của cơ quan có thẩm quyền",
]
TIMES = [
    (8, "working_hours"),
    (16, "working_hours"),
    (1, "working_days"),
    (3, "working_days"),
    (5, "working_days"),
    (10, "working_days"),
    (15, "working_days"),
    (20, "working_days"),
    (30, "working_days"),
    (15, "calendar_days"),
    (30, "calendar_days"),
    (1, "months"),
    (3, "months"),
]
STEPS_DESCRIPTION = "Bước 1: Nộp hồ sơ.\nBước 2: Tiếp nhận và thẩm định.\nBước 3: Nhận kết quả."
HOURS = {"working_hours": 1, "working_days": 8, "calendar_days": 8, "months": 240}


def _process(rng: random.Random, total: int) -> list[dict[str, Any]]:
    """Intake, appraisal (maybe with parallel consultations), approval, return: sums to total."""
    intake = max(1, total // 20)
    approve = max(1, total // 10)
    back = max(1, total // 20)
    appraisal = total - intake - approve - back
    steps = [
        {"name": "Tiếp nhận hồ sơ", "org_unit": "intake", "role": "intake_officer", "hours": intake}
    ]
    if appraisal >= 8 and rng.random() < 0.3:
        consult = appraisal // 3
        steps.append(
            {
                "name": "Thẩm định hồ sơ",
                "org_unit": "handling",
                "role": "handler",
                "hours": appraisal - consult,
            }
        )
        steps.append(
            {
                "name": "Xin ý kiến cơ quan thuế",
                "org_unit": "tax",
                "role": "handler",
                "hours": consult,
                "parallel_group": "consult",
            }
        )
        steps.append(
            {
                "name": "Xin ý kiến cơ quan liên quan",
                "org_unit": "partner",
                "role": "handler",
                "hours": max(1, consult // 2),
                "parallel_group": "consult",
            }
        )
    else:
        steps.append(
            {
                "name": "Thẩm định hồ sơ",
                "org_unit": "handling",
                "role": "handler",
                "hours": max(1, appraisal),
            }
        )
    steps.append(
        {
            "name": "Phê duyệt kết quả",
            "org_unit": "leadership",
            "role": "unit_leader",
            "hours": approve,
        }
    )
    steps.append(
        {"name": "Trả kết quả", "org_unit": "intake", "role": "intake_officer", "hours": back}
    )
    for order, step in enumerate(steps, start=1):
        step["order"] = order
    surplus = (
        sum(s["hours"] for s in steps if not s.get("parallel_group"))
        + max([s["hours"] for s in steps if s.get("parallel_group")], default=0)
        - total
    )
    steps[1]["hours"] -= surplus
    return steps


def _variant(rng: random.Random, code: str) -> dict[str, Any]:
    value, unit = rng.choice(TIMES)
    online = rng.choices(["none", "partial", "full"], weights=[2, 5, 4])[0]
    documents = rng.sample(DOCUMENTS, rng.randint(2, 6))
    variant: dict[str, Any] = {
        "code": code,
        "name": "" if code == "default" else "Trường hợp nộp trực tuyến",
        "processing_time": {"value": value, "unit": unit},
        "online_level": online,
        "boundary_free": rng.random() < 0.7,
        "postal": rng.random() < 0.6,
        "supplement_policy": rng.choice(["pause", "pause", "restart"]),
        "required_documents": [
            {
                "code": f"TP{index:02d}",
                "name": name,
                "mandatory": index < 3,
                "originals": rng.randint(0, 1),
                "copies": rng.randint(0, 2),
                "template_url": "",
            }
            for index, name in enumerate(documents, start=1)
        ],
        "fees": [
            {
                "kind": rng.choice(["fee", "charge"]),
                "name": "Lệ phí giải quyết thủ tục",
                "amount_vnd": rng.choice([0, 20_000, 50_000, 100_000, 200_000, 1_000_000]),
                "legal_basis": "Nghị quyết của Hội đồng nhân dân tỉnh",
            }
        ]
        if rng.random() < 0.6
        else [],
        "process": _process(rng, value * HOURS[unit]),
    }
    if online != "none" and rng.random() < 0.3 and value > 1:
        variant["processing_time_by_channel"] = {"online": {"value": value - 1, "unit": unit}}
    return variant


def generate_catalog(count: int, *, seed: int = 2025) -> dict[str, Any]:
    """`count` procedures with unique codes; a dozen land registrations among them."""
    rng = random.Random(seed)
    procedures = []
    for index in range(count):
        sector, _, _ = SECTORS[index % len(SECTORS)] if index >= 12 else SECTORS[0]
        action = "Đăng ký" if index < 12 else rng.choice(ACTIONS)
        thing = (
            OBJECTS[sector][index % len(OBJECTS[sector])]
            if index < 12
            else rng.choice(OBJECTS[sector])
        )
        name = f"{action} {thing}{rng.choice(QUALIFIERS)}"
        if index >= 12:
            name = f"{name} (số {index})"
        commune = rng.random() < 0.4
        procedures.append(
            {
                "code": f"{1 + index % 2}.{index:06d}.H34",
                "name": name,
                "sector": sector,
                "competence_levels": ["commune"] if commune else ["province"],
                "implementing_agencies": [COMMUNE] if commune else [AGENCIES[sector]],
                "deciding_agency": COMMUNE if commune else AGENCIES[sector],
                "subjects": rng.sample(["citizen", "business", "organization"], rng.randint(1, 3)),
                "result": {"name": f"Kết quả: {thing}", "code": f"KQ.{sector}.{index:05d}"},
                "legal_basis": [
                    "Nghị định 118/2025/NĐ-CP",
                    f"Thông tư số {index % 90 + 1}/2025/TT-BTP",
                ],
                "publication_decision": f"Quyết định số {index % 3000 + 1}/QĐ-UBND ngày 01/7/2025",
                "effective_from": "2025-07-01",
                "effective_to": None,
                "steps_description": STEPS_DESCRIPTION,
                "conditions": "" if rng.random() < 0.7 else "Đáp ứng điều kiện theo quy định.",
                "variants": [_variant(rng, "default")]
                + ([_variant(rng, "online")] if rng.random() < 0.25 else []),
            }
        )
    return {
        "format": "motcua.catalog/1",
        "sectors": [{"code": c, "name": n, "managing_body": m} for c, n, m in SECTORS],
        "procedures": procedures,
    }


def generate_queries(count: int, *, seed: int = 7) -> list[str]:
    """Varied searches: whole names, phrases with and without accents, single words, codes."""
    rng = random.Random(seed)
    phrases = [thing for things in OBJECTS.values() for thing in things]
    queries = ["dang ky dat dai", "đăng ký đất đai", "Dang Ky", "giay phep xay dung", "khai sinh"]
    while len(queries) < count:
        kind = rng.random()
        phrase = rng.choice(phrases)
        if kind < 0.3:
            queries.append(phrase)
        elif kind < 0.55:
            from motcua.catalog.search_text import fold_for_search

            queries.append(fold_for_search(phrase))
        elif kind < 0.7:
            queries.append(f"{rng.choice(ACTIONS)} {phrase}".upper())
        elif kind < 0.85:
            queries.append(rng.choice(phrase.split()))
        else:
            queries.append(f"{rng.randint(1, 2)}.{rng.randint(0, 4999):06d}")
    return queries


def as_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()
