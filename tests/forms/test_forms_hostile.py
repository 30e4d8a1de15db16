"""Hostile or unreadable files: one clear DocumentError naming the file, nothing else."""

from __future__ import annotations

import io
import zipfile

import pytest

from orchestration.forms import DocumentError, parse_document

from .support import render


def _error(data: bytes, name: str) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        parse_document(data, name)
    error = caught.value
    assert error.source_name == name and str(error).startswith(f"{name}: line ")
    assert "\n" not in str(error)
    return error


def test_empty_file():
    assert "empty file" in _error(b"", "empty.xlsx").reason
    assert "empty file" in _error(b"  \n\t\n", "blank.txt").reason


def test_binary_file():
    data = bytes(range(256)) * 40
    assert "binary file" in _error(data, "blob.bin").reason


def test_corrupt_xlsx():
    good = render.to_xlsx([[["项目名称", "甲"]]])
    broken = good[: len(good) // 2]
    assert "xlsx" in _error(broken, "broken.xlsx").reason or "zip" in _error(broken, "broken.xlsx").reason


def test_corrupt_xlsx_with_valid_zip_but_bad_xml():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><<<")
    assert "corrupt xlsx" in _error(buffer.getvalue(), "bad.xlsx").reason


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_zip_bomb_is_refused_from_the_directory(kind):
    data = render.zip_bomb(kind)
    assert len(data) < 2_000_000
    reason = _error(data, f"bomb.{kind}").reason
    assert "zip bomb" in reason


def test_xml_entity_expansion_in_docx_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{render._W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    reason = _error(render._docx_package(bomb), "entities.docx").reason
    assert "unsafe" in reason or "refused" in reason


def test_scanned_pdf_has_no_text_layer():
    reason = _error(render.scanned_pdf(), "scan.pdf").reason
    assert reason.startswith("no text layer; OCR is not supported")


def test_corrupt_pdf():
    assert "PDF" in _error(b"%PDF-1.4\n1 0 obj <<>> garbage", "bad.pdf").reason


def test_legacy_word_doc_is_refused_clearly():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert ".doc" in _error(data, "old.doc").reason


def test_oversized_input_is_refused_before_reading():
    from orchestration.forms import document

    reason = _error(b"a" * (document.MAX_BYTES + 1), "huge.txt").reason
    assert "limit" in reason


def test_an_html_page_with_more_rows_than_the_limit_is_refused_not_cut(monkeypatch):
    from orchestration.forms.readers import html as html_reader

    monkeypatch.setattr(html_reader, "MAX_ROWS", 50)
    rows = "".join(f"<tr><td>指标{n}</td><td>{n}</td></tr>" for n in range(60))
    page = ("<table><tr><td>项目支出绩效自评表</td></tr><tr><td>项目名称</td><td>某某项目</td></tr>" + rows + "</table>").encode()
    assert "more than 50 table rows" in _error(page, "big.html").reason


def test_a_bad_file_does_not_stop_the_others(seed_bytes):
    outcomes = []
    for name, data in [("bomb.xlsx", render.zip_bomb()), ("seed.txt", seed_bytes), ("scan.pdf", render.scanned_pdf())]:
        try:
            outcomes.append(len(parse_document(data, name).forms))
        except DocumentError as error:
            outcomes.append(error.source_name)
    assert outcomes == ["bomb.xlsx", 5, "scan.pdf"]
