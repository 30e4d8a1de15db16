"""Word 2007+ documents: tables become rows (merged cells as anchor + blanks), paragraphs
outside tables become one-cell rows, in document order. The XML is parsed with defusedxml
(no entity expansion, no external references) after the zip directory is checked."""

from __future__ import annotations

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ..cells import Row
from ..model import DocumentError
from .grid import make_row
from .safezip import open_checked, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ROWS = 200_000


def read_docx(data: bytes, source_name: str) -> list[Row]:
    with open_checked(data, source_name, "docx") as archive:
        xml = read_member(archive, "word/document.xml", source_name, "docx")
    try:
        root = SafeET.fromstring(xml)
    except DefusedXmlException as error:
        raise DocumentError(source_name, 1, f"docx XML refused ({type(error).__name__}): unsafe entities") from None
    except SafeET.ParseError as error:
        raise DocumentError(source_name, 1, f"corrupt docx file: {error}") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise DocumentError(source_name, 1, "corrupt docx file: no document body")
    reader = _Reader(source_name)
    reader.block(body)
    return reader.rows


class _Reader:
    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.rows: list[Row] = []
        self.line = 0

    def _add(self, texts: list[str], width: int | None = None) -> None:
        self.line += 1
        if self.line > MAX_ROWS:
            raise DocumentError(self.source_name, 1, f"docx has more than {MAX_ROWS} rows; refused")
        row = make_row(texts, self.line, width)
        if row is not None:
            self.rows.append(row)

    def block(self, element) -> None:
        for child in element:
            if child.tag == f"{_W}p":
                self._add([_paragraph_text(child)])
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                self.block(child)

    def table(self, table) -> None:
        grid = table.find(f"{_W}tblGrid")
        width = len(grid.findall(f"{_W}gridCol")) if grid is not None else None
        for tr in table.iter(f"{_W}tr"):
            if _parent_table(tr, table) is not table:
                continue  # rows of nested tables are emitted after their cell's row
            texts: list[str] = []
            nested: list = []
            props = tr.find(f"{_W}trPr")
            before = _int_attr(props, "gridBefore") if props is not None else 0
            texts.extend([""] * before)
            for tc in tr.findall(f"{_W}tc"):
                tc_props = tc.find(f"{_W}tcPr")
                span = _int_attr(tc_props, "gridSpan") if tc_props is not None else 0
                vmerge = tc_props.find(f"{_W}vMerge") if tc_props is not None else None
                continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart"
                paragraphs = []
                for child in tc:
                    if child.tag == f"{_W}p":
                        paragraphs.append(_paragraph_text(child))
                    elif child.tag == f"{_W}tbl":
                        nested.append(child)
                text = "" if continued else "\n".join(p for p in paragraphs).strip()
                texts.append(text)
                texts.extend([""] * max(span - 1, 0))
            self._add(texts, width)
            for inner in nested:
                self.table(inner)


def _parent_table(tr, outer):
    # ElementTree has no parent links: a row belongs to `outer` if no nested tbl of outer holds it.
    for inner in outer.iter(f"{_W}tbl"):
        if inner is not outer and any(r is tr for r in inner.iter(f"{_W}tr")):
            return inner
    return outer


def _int_attr(props, name: str) -> int:
    element = props.find(f"{_W}{name}") if props is not None else None
    if element is None:
        return 0
    try:
        return max(0, min(int(element.get(f"{_W}val", "0")), 1000))
    except ValueError:
        return 0


def _paragraph_text(paragraph) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)
