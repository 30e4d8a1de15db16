"""The same form in the encodings Chinese offices save text in gives the same parse."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.decode import decode_bytes


@pytest.fixture
def form_text(dump, minimal_form) -> str:
    # Full-width operator and an em dash exercise characters outside ASCII and GB2312 basics.
    return dump(minimal_form.replace("→>=100人", "→≥100人"))


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("gb18030"), "gb18030"),
        (lambda t: t.encode("gbk"), "gb18030"),
        (lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"), "utf-16"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8-bom", "gb18030", "gbk", "utf-16le-bom-crlf", "utf-16be-bom", "utf-16le-no-bom", "utf-8-crlf"],
)
def test_encodings_give_the_same_forms(form_text, encode, encoding):
    reference = parse_document(form_text.encode("utf-8"), "form.txt")
    data = encode(form_text)
    result = parse_document(data, "form.txt")
    assert result.encoding == encoding
    assert result.file_hash == hashlib.sha256(data).hexdigest()
    assert [to_contract_dict(f) for f in result.forms] == [to_contract_dict(f) for f in reference.forms]
    assert result.forms[0]["indicators"][0]["target_raw"] == "≥100人"


def test_undecodable_bytes_are_read_lossily_not_rejected():
    text, encoding = decode_bytes(b"\t\xff\xfe\xfd abc\n")
    assert encoding in {"utf-8", "gb18030"}
    assert "abc" in text and "\ufffd" in text


def test_lone_carriage_returns_are_line_breaks():
    assert decode_bytes(b"a\rb\r\nc")[0] == "a\nb\nc"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_of_text_with_few_ascii_characters(codec):
    """Flattened text whose cells are separated by ideographic spaces (U+3000) holds few ASCII
    characters, so few NUL bytes: before, UTF-16 without a BOM went undetected and the file was refused
    as binary (a review 30 case)."""
    from .support import render, small_form

    table = [*small_form.HEAD, *small_form.ROWS, small_form.TOTAL]
    text = render.to_flat_text([table]).decode("utf-8").replace(" ", "\u3000")
    reference = parse_document(text.encode("utf-8"), "form.txt")
    result = parse_document(text.encode(codec), "form.txt")
    assert result.encoding == codec
    assert [to_contract_dict(f) for f in result.forms] == [to_contract_dict(f) for f in reference.forms]
    assert reference.forms[0]["project_name"] == "某某项目"
