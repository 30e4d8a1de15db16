"""Word 2007+ documents: tables become rows (merged cells as anchor + blanks), paragraphs
outside tables become one-cell rows, in document order. The XML is parsed with defusedxml
(no entity expansion, no external references) after the zip directory is checked."""

from __future__ import annotations

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ..cells import clean_cell
from ..model import DocumentError
from .grid import MergedRows, make_row
from .safezip import open_checked, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_ROWS = 200_000
# Content controls and custom XML may wrap rows, cells, paragraphs or runs; their content reads
# as if the wrapper were not there.
_WRAPPERS = frozenset(f"{_W}{name}" for name in ("sdt", "sdtContent", "customXml"))
# Properties (a paragraph's tab stops are w:tab elements too) and tracked deletions and moves
# away, which Word does not show in the final text.
_NOT_SHOWN = frozenset(f"{_W}{name}" for name in ("pPr", "rPr", "sdtPr", "del", "moveFrom"))
# Text a run holds but Word does not show: hidden text (Font › Hidden), kept in forms for an old
# value or a note to the filler.
_VANISH = f"{_W}vanish"
_OFF = frozenset(("0", "false", "off"))
_UNDECODED = "\ufffd"  # keeps a lost ≥/≤ visible: the value no longer reads as a clean number
# Adobe Symbol encoding for codes 0x20-0xFF (Word stores them as F020-F0FF, other writers
# without the F0); bracket pieces and unassigned codes have no character of their own.
_SYMBOL_FONT = (
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "\ufffdαβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"
    + _UNDECODED * 33
    + "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…\ufffd\ufffd↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊\u2329®©™∑" + _UNDECODED * 10
    + "\ufffd\u232a∫⌠\ufffd⌡" + _UNDECODED * 10
)


def read_docx(data: bytes, source_name: str) -> MergedRows:
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
        self.rows = MergedRows()
        self.line = 0

    def _add(self, texts: list[str], width: int | None = None) -> None:
        self.line += 1
        if self.line > MAX_ROWS:
            raise DocumentError(self.source_name, 1, f"docx has more than {MAX_ROWS} rows; refused")
        row = make_row(texts, self.line, width)
        if row is not None:
            self.rows.append(row)

    def block(self, element) -> None:
        for child in _unwrapped(element):
            if child.tag == f"{_W}p":
                boxes: list = []
                self._add([_paragraph_text(child, boxes)])
                self.text_boxes(boxes)
            elif child.tag == f"{_W}tbl":
                self.table(child)

    def text_boxes(self, boxes: list) -> None:
        """A text box floats over the page: its text is no part of the paragraph or cell that
        anchors it (a "附件2" box in a name cell would run into the name), so it reads as rows of
        its own after that paragraph, or after the table for a box in a cell (a row of its own
        inside the table would read as an indicator)."""
        for box in boxes:
            self.block(box)

    def table(self, table, boxes: list | None = None) -> None:
        """The table's rows, then the text boxes anchored in its cells (and in nested tables',
        passed up in `boxes`)."""
        outermost = boxes is None
        boxes = [] if boxes is None else boxes
        grid = table.find(f"{_W}tblGrid")
        width = len(grid.findall(f"{_W}gridCol")) if grid is not None else None
        merging: dict[int, tuple[int, int, str]] = {}  # column -> (first line, last line, text)
        for tr in _unwrapped(table):
            if tr.tag != f"{_W}tr":
                continue
            props = tr.find(f"{_W}trPr")
            if props is not None and props.find(f"{_W}del") is not None:
                continue  # a row deleted with track changes on: gone from the final table
            texts: list[str] = []
            nested: list = []
            before = _int_attr(props, "gridBefore") if props is not None else 0
            texts.extend([""] * before)
            for tc in _unwrapped(tr):
                if tc.tag != f"{_W}tc":
                    continue
                tc_props = tc.find(f"{_W}tcPr")
                span = _int_attr(tc_props, "gridSpan") if tc_props is not None else 0
                vmerge = tc_props.find(f"{_W}vMerge") if tc_props is not None else None
                continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart"
                paragraphs = []
                for child in _unwrapped(tc):
                    if child.tag == f"{_W}p":
                        paragraphs.append(_paragraph_text(child, boxes))
                    elif child.tag == f"{_W}tbl":
                        nested.append(child)  # its rows follow the row of its cell
                text = "" if continued else "\n".join(p for p in paragraphs).strip()
                self._track_merge(merging, len(texts), vmerge is not None and not continued, continued, text)
                texts.append(text)
                texts.extend([""] * max(span - 1, 0))
            self._add(texts, width)
            for inner in nested:
                self.table(inner, boxes)
        for column in list(merging):
            self._end_merge(merging, column)
        if outermost:
            self.text_boxes(boxes)

    def _track_merge(self, merging: dict, column: int, restart: bool, continued: bool, text: str) -> None:
        """Follow the vertically merged cell in `column` through the row being read (line self.line + 1)."""
        line = self.line + 1
        if continued and column in merging:
            first, _, anchor = merging[column]
            merging[column] = (first, line, anchor)
            return
        self._end_merge(merging, column)
        if restart and text:
            merging[column] = (line, line, text)

    def _end_merge(self, merging: dict, column: int) -> None:
        first, last, text = merging.pop(column, (0, 0, ""))
        if last > first:
            self.rows.vertical_merges.append((first, last, clean_cell(text)))


def _unwrapped(element):
    # An explicit stack, not recursion: nesting depth comes from the file.
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _WRAPPERS:
            stack.append(iter(child))
        else:
            yield child


def _int_attr(props, name: str) -> int:
    element = props.find(f"{_W}{name}") if props is not None else None
    if element is None:
        return 0
    try:
        return max(0, min(int(element.get(f"{_W}val", "0")), 1000))
    except ValueError:
        return 0


def _paragraph_text(paragraph, boxes: list) -> str:
    """The paragraph's shown text; the text boxes anchored in it are added to `boxes`."""
    # Runs may sit in hyperlinks, smart tags, fields, insertions or content controls: all read.
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif node.tag == f"{_W}r" and _hidden_run(node):
            continue
        elif node.tag == f"{_MC}AlternateContent":
            # The same drawing twice (a DrawingML choice and a VML fallback): one is read.
            branch = node.find(f"{_MC}Choice")
            if branch is None:
                branch = node.find(f"{_MC}Fallback")
            if branch is not None:
                stack.append(iter(branch))
        elif node.tag == f"{_W}txbxContent":
            boxes.append(node)
        elif node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif node.tag == f"{_W}sym":
            parts.append(_symbol_text(node))
        elif node.tag not in _NOT_SHOWN:
            stack.append(iter(node))
    return "".join(parts)


def _hidden_run(run) -> bool:
    props = run.find(f"{_W}rPr")
    vanish = props.find(_VANISH) if props is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true").strip().lower() not in _OFF


def _symbol_text(sym) -> str:
    """A character inserted with Insert › Symbol: w:char is a hex code in w:font."""
    try:
        code = int(sym.get(f"{_W}char", ""), 16)
    except ValueError:
        return _UNDECODED
    font = sym.get(f"{_W}font", "").strip().lower()
    if font == "symbol" and (0xF020 <= code <= 0xF0FF or 0x20 <= code <= 0xFF):
        return _SYMBOL_FONT[(code & 0xFF) - 0x20]
    # Private-use codes (F000-F0FF of Wingdings and other symbol fonts) depend on the font's glyphs.
    if 0 <= code <= 0x10FFFF and chr(code).isprintable():
        return chr(code)
    return _UNDECODED
