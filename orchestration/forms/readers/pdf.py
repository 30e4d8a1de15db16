"""PDFs with a text layer (pdfplumber): ruled tables become rows, other text lines become
one-cell rows, in reading order; a page number printed above or below everything else on its page
is page furniture and skipped. A PDF without any text (a scan) is refused: no OCR."""

from __future__ import annotations

import io
import logging
import re

from ..cells import clean_cell
from ..model import DocumentError
from .grid import MergedRows, make_row

NO_TEXT_LAYER = "no text layer; OCR is not supported (scanned PDF)"
MAX_PAGES = 200


def read_pdf(data: bytes, source_name: str) -> tuple[MergedRows, str | None]:
    """Return (rows, text): rows when tables were found, else the page text for the text parser."""
    import pdfplumber

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    rows = MergedRows()
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
                # (top, cells, is a text line, (table, row) of a table row)
                items: list[tuple[float, list[str], bool, tuple[int, int] | None]] = []
                spans: list[tuple[int, int, int, str]] = []  # (table, first row, last row, text)
                boxes = [t.bbox for t in tables]
                for number, table in enumerate(tables):
                    any_table = True
                    top = table.bbox[1]
                    extracted = [[_unwrap(c or "") for c in cells] for cells in table.extract()]
                    for offset, cells in enumerate(extracted):
                        items.append((top + offset * 0.001, cells, False, (number, offset)))
                    spans.extend((number, first, last, text) for first, last, text in _vertical_spans(table, extracted))
                outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes)) if boxes else page
                for text_line in outside.extract_text_lines():
                    items.append((text_line["top"], [text_line["text"]], True, None))
                items.sort(key=lambda item: item[0])
                items = _without_page_numbers(items)
                lines.extend(texts[0] for _, texts, is_line, _ in items if is_line)
                line_of: dict[tuple[int, int], int] = {}
                for _, texts, _, table_row in items:
                    line_no += 1
                    if table_row is not None:
                        line_of[table_row] = line_no
                    row = make_row(texts, line_no)
                    if row is not None:
                        rows.append(row)
                rows.vertical_merges.extend((line_of[number, first], line_of[number, last], clean_cell(text))
                                            for number, first, last, text in spans)
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
    return MergedRows(), "\n".join(lines)


_PAGE_NO = r"(?:\d{1,4}|[一二三四五六七八九十百零〇两]{1,4})"
_PAGE_NUMBER = re.compile(
    rf"""(?:[-–—－~]\s*)*\d{{1,3}}(?:\s*[-–—－~])*
    | \d{{1,4}}\s*/\s*\d{{1,4}}
    | 第\s*{_PAGE_NO}\s*页(?:[\s,，、/|]*共\s*{_PAGE_NO}\s*页)?
    | 共\s*{_PAGE_NO}\s*页[\s,，、/|]*第\s*{_PAGE_NO}\s*页
    | (?:page|p\.?)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?""",
    re.VERBOSE | re.IGNORECASE,
)


def _without_page_numbers(items: list[tuple]) -> list[tuple]:
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


def _vertical_spans(table, extracted: list[list[str]]):
    """(first row, last row, text) of each cell with text that runs down over several rows of the
    table (a 得分 merged over a group of indicators); the rows alone show it on the first only."""
    tops = [row.bbox[1] for row in table.rows]
    for first, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            if cell is None or column >= len(extracted[first]) or not extracted[first][column]:
                continue
            last = first
            while last + 1 < len(tops) and tops[last + 1] < cell[3] - 1:  # a row starting above its bottom
                last += 1
            if last > first:
                yield first, last, extracted[first][column]


def _inside(obj, boxes) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
