import io

from django.core.files import File

from motcua.core.uploads import inspect_upload
from motcua.documents.models import ElectronicDocument

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)


def test_electronic_document_carries_the_minimum_metadata_of_article_19_2() -> None:
    # Decree 118/2025 Art. 19.2: type code, holder's ID number, name, summary, validity
    # period and scope; plus the digitised-at-intake and reused flags of indicators 4.2 and 4.3
    fields = {field.name for field in ElectronicDocument._meta.get_fields()}
    assert {
        "type_code",
        "holder_id_number",
        "title",
        "summary",
        "valid_from",
        "valid_until",
        "validity_scope",
        "digitised_at_intake",
        "reused",
    } <= fields


def test_file_fields_come_from_the_content_check() -> None:
    # given an inspected PNG stored under its hash
    inspected = inspect_upload(file=File(io.BytesIO(PNG_1X1), name="ảnh.png"))
    # when the model fields are derived
    fields = ElectronicDocument.fields_from_upload(
        inspected=inspected, stored_name=f"dossiers/1/{inspected.sha256}.png"
    )
    # then they describe the checked content
    assert fields == {
        "file": f"dossiers/1/{inspected.sha256}.png",
        "original_name": "ảnh.png",
        "kind": "png",
        "mime_type": "image/png",
        "size_bytes": len(PNG_1X1),
        "sha256": inspected.sha256,
    }
