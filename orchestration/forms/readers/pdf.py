"""PDFs with a text layer (pdfplumber): ruled tables become rows, other text lines become
one-cell rows, in reading order; a page number printed above or below everything else on its page
is page furniture and skipped. A PDF without any text (a scan) is refused: no OCR."""

from __future__ import annotations

import io
import logging
import re

from ..cells import Row
from ..model import DocumentError
from .grid import make_row

NO_TEXT_LAYER = "no text layer; OCR is not supported (scanned PDF)"
MAX_PAGES = 200


def read_pdf(data: bytes, source_name: str) -> tuple[list[Row], str | None]:
    """Return (rows, text): rows when tables were found, else the page text for the text parser."""
    import pdfplumber

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    rows: list[Row] = []
    lines: list[str] = []
    any_chars = False
    any_table = False
    line_no = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DocumentError(source_name, 1, f"PDF has {len(pdf.pages)} pages; more than {MAX_PAGES}")
            for page in pdf.pages:
                if page.chars:
                    any_chars = True
                tables = page.find_tables()
                items: list[tuple[float, list[str], bool]] = []  # (top, cells, is a text line)
                boxes = [t.bbox for t in tables]
                for table in tables:
                    any_table = True
                    top = table.bbox[1]
                    for offset, cells in enumerate(table.extract()):
                        items.append((top + offset * 0.001, [_unwrap(c or "") for c in cells], False))
                outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes)) if boxes else page
                for text_line in outside.extract_text_lines():
                    items.append((text_line["top"], [text_line["text"]], True))
                items.sort(key=lambda item: item[0])
                items = _without_page_numbers(items)
                lines.extend(texts[0] for _, texts, is_line in items if is_line)
                for _, texts, _ in items:
                    line_no += 1
                    row = make_row(texts, line_no)
                    if row is not None:
                        rows.append(row)
                if not tables:
                    lines.append("")
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt PDF file: {type(error).__name__}: {error}") from None
    if not any_chars:
        raise DocumentError(source_name, 1, NO_TEXT_LAYER)
    if any_table:
        return rows, None
    return [], "\n".join(lines)


_PAGE_NO = r"(?:\d{1,4}|[一二三四五六七八九十百零〇两]{1,4})"
_PAGE_NUMBER = re.compile(
    rf"""(?:[-–—－~]\s*)*\d{{1,3}}(?:\s*[-–—－~])*
    | \d{{1,4}}\s*/\s*\d{{1,4}}
    | 第\s*{_PAGE_NO}\s*页(?:[\s,，、/|]*共\s*{_PAGE_NO}\s*页)?
    | 共\s*{_PAGE_NO}\s*页[\s,，、/|]*第\s*{_PAGE_NO}\s*页
    | (?:page|p\.?)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?""",
    re.VERBOSE | re.IGNORECASE,
)


def _without_page_numbers(items: list[tuple[float, list[str], bool]]) -> list[tuple[float, list[str], bool]]:
    """Drop a page number that is the first or last thing on the page. A lone "1" there would
    otherwise be a one-cell row, right-aligned to the 得分 column of the table above it. A lone
    number of four digits ("2024") is kept: no form runs to a thousand pages."""
    if not items:
        return items
    extremes = {0, len(items) - 1}
    return [item for k, item in enumerate(items)
            if not (k in extremes and item[2] and _PAGE_NUMBER.fullmatch(item[1][0].strip()))]


_WRAP_BESIDE_CJK = re.compile(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])")


def _unwrap(text: str) -> str:
    """A PDF cell's line breaks are where the text wrapped, not content: drop them next to a
    Chinese character or full-width punctuation (Chinese puts no space between 为 and 95% or
    between 95% and ，), make them a space between two Latin characters, where a word ended."""
    return _WRAP_BESIDE_CJK.sub("", text).replace("\n", " ")


def _inside(obj, boxes) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
