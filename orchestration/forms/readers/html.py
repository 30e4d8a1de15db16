"""Saved web pages: every <table> row becomes a row of cells (colspan/rowspan expanded to
blanks so columns stay aligned), text between tables becomes one-cell rows, in page order.
A table nested in a cell comes right after the row holding that cell, as a reader sees it.
Anything hidden with display:none or the hidden attribute is skipped, and so is text struck out
with <del>, <s> or <strike> (an old value left beside the new one). A <tfoot> shows below the
body wherever the page puts it, and a <caption> reads as a row above the table.
A page may hold several forms; the layout splits them. Scripts and styles are ignored.
Uses the standard library's tolerant HTMLParser: no entity expansion beyond HTML's own."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..cells import clean_cell
from ..decode import decode_bytes
from ..model import DocumentError
from .grid import MergedRows, make_row

MAX_ROWS = 200_000
_MAX_SPAN = 100
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "center",
          "title", "caption", "header", "footer", "ul", "ol", "dd", "dt", "pre", "blockquote"}
_SKIP = {"script", "style", "noscript", "template", "head"}
_STRUCK_OUT = {"del", "s", "strike"}
_CELL_BOUNDARY = {"td", "th", "tr"}
_ROW_GROUPS = {"thead", "tbody", "tfoot"}
# Elements with no end tag: hiding one hides nothing after it.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_UNDECODABLE = "\ufffd"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    match = _META_CHARSET.search(data[:4096])
    if match is not None:
        name = match.group(1).decode("ascii").lower()
        if name in {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}:
            name = "gb18030"
        try:
            codecs.lookup(name)
        except LookupError:
            return decode_bytes(data)
        text = data.decode(name, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        if _UNDECODABLE in text:
            # A page saved in GBK under a template that still says utf-8 (or the other way round):
            # the bytes decide, when another reading of them loses fewer characters.
            guessed, guessed_name = decode_bytes(data)
            if guessed.count(_UNDECODABLE) < text.count(_UNDECODABLE):
                return guessed, guessed_name
        return text, name
    return decode_bytes(data)


def read_html(data: bytes, source_name: str) -> tuple[MergedRows, str]:
    text, encoding = decode_html(data)
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
        parser.close_open_tables()
    except _TooBig:
        # A page cut short could lose a form with no trace: refused whole, as the docx reader does.
        raise DocumentError(source_name, 1, f"html page has more than {MAX_ROWS} table rows; refused") from None
    parser.flush_text()
    return parser.rows, encoding


class _TooBig(Exception):
    pass


class _Table:
    def __init__(self, hidden: bool = False) -> None:
        self.hidden = hidden
        self.row: list[str] | None = None
        self.row_line = 0
        self.row_hidden = False
        self.row_tables: list[_Table] = []  # tables nested in the open row, placed after it
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.cell_hidden = False
        self.pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        # column -> [the row holding the rowspan cell, its line, the last covered row's line, text]
        self.spans: dict[int, list] = {}
        # Rows as (line, texts) and nested tables, in the order a reader meets them.
        self.entries: list[tuple[int, list[str]] | _Table] = []
        self.in_footer = False
        self.footer: list[tuple[int, list[str]] | _Table] = []  # <tfoot> rows, shown after the body
        self.width = 0

    def hides_content(self) -> bool:
        return self.hidden or self.row_hidden or self.cell_hidden


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows = MergedRows()
        self.tables: list[_Table] = []
        self.skip = 0
        self.text: list[str] = []
        self.text_line = 1
        self.buffered_rows = 0
        self.unshown: _Unshown | None = None

    # -- loose text (titles, "(2021年度)", notes between tables) --------------------------------
    def flush_text(self) -> None:
        joined = "".join(self.text)
        self.text = []
        for offset, piece in enumerate(joined.split("\n")):
            piece = _SPACES.sub(" ", piece).strip()
            if piece:
                self._emit([piece], self.text_line + offset if offset == 0 else self.text_line)

    def _emit(self, texts: list[str], line: int, width: int | None = None) -> None:
        row = make_row(texts, line, width)
        if row is not None:
            self.rows.append(row)
            if len(self.rows) > MAX_ROWS:
                raise _TooBig

    # -- tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if self.unshown is not None:
            if not self.unshown.ends_at_start(tag):
                if tag == self.unshown.tag:
                    self.unshown.depth += 1
                return
            self.unshown = None
        # hidden tables, rows and cells are left out below (a hidden row keeps its part of the rowspans)
        structural = tag in _VOID or tag in _CELL_BOUNDARY or tag == "table"
        if not structural and (tag in _STRUCK_OUT or _hidden(attrs)):
            in_cell = table is not None and table.cell is not None
            self.unshown = _Unshown(tag, in_cell, inside_table=table is not None)
            return
        if tag in _ROW_GROUPS and table is not None:
            self._end_row(table)
            table.in_footer = tag == "tfoot"
        elif tag == "caption" and table is not None:
            self._end_row(table)
            self._start_row(table, False)
            table.cell, table.cell_span, table.cell_hidden = [], (1, 1), False
        elif tag == "table":
            if table is None:
                self.flush_text()
            elif table.cell is not None:
                table.cell.append("\n")
            hidden = _hidden(attrs) or (table is not None and table.hides_content())
            self.tables.append(_Table(hidden))
        elif tag == "tr" and table is not None:
            self._end_row(table)
            self._start_row(table, _hidden(attrs))
        elif tag in ("td", "th") and table is not None:
            if table.row is None:
                self._start_row(table, False)
            self._end_cell(table)
            values = dict(attrs)
            table.cell = []
            table.cell_span = (_span(values.get("colspan")), _span(values.get("rowspan")))
            table.cell_hidden = _hidden(attrs)
        elif tag == "br":
            self._newline(table)
        elif tag in _BLOCK:
            self._block_boundary(table)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if self.unshown is not None:
            if not self.unshown.ends_at_end(tag):
                if tag == self.unshown.tag:
                    self.unshown.depth -= 1
                    if self.unshown.depth == 0:
                        self.unshown = None
                return
            self.unshown = None
        if tag == "caption" and table is not None:
            self._end_row(table)
        elif tag == "table" and table is not None:
            self._close_table()
            self.text_line = self.getpos()[0]
        elif tag == "tr" and table is not None:
            self._end_row(table)
        elif tag in ("td", "th") and table is not None:
            self._end_cell(table)
        elif tag in _BLOCK:
            self._block_boundary(table)

    def handle_data(self, data):
        if self.skip or self.unshown is not None:
            return
        table = self.tables[-1] if self.tables else None
        data = data.replace("\n", " ")
        if table is not None:
            if table.cell is not None:
                table.cell.append(data)
            return
        if not "".join(self.text).strip():
            self.text_line = self.getpos()[0]
        self.text.append(data)

    def close_open_tables(self) -> None:
        """A page cut short (or a missing </table>) still shows its rows in a browser."""
        while self.tables:
            self._close_table()

    def _close_table(self) -> None:
        table = self.tables.pop()
        self._end_row(table)
        for column in list(table.spans):
            self._end_span(table, column)
        table.entries.extend(table.footer)
        table.width = max((len(entry[1]) for entry in table.entries if isinstance(entry, tuple)), default=0)
        parent = self.tables[-1] if self.tables else None
        if parent is None:
            if not table.hidden:
                self._emit_table(table)
            return
        if not table.hidden:
            # Emitting at the inner </table> would put these rows before every row of the
            # enclosing table, so a form's indicator block would land in the form before it.
            if parent.row is not None:
                parent.row_tables.append(table)
            else:
                (parent.footer if parent.in_footer else parent.entries).append(table)
        if parent.cell is not None:
            parent.cell.append("\n")

    def _emit_table(self, table: _Table) -> None:
        # Depth-first without recursion: nesting depth is up to the page, not to Python's stack.
        stack: list[tuple[_Table, int]] = [(table, 0)]
        while stack:
            current, index = stack.pop()
            while index < len(current.entries):
                entry = current.entries[index]
                index += 1
                if isinstance(entry, _Table):
                    stack.append((current, index))
                    stack.append((entry, 0))
                    break
                line, texts = entry
                self._emit(texts, line, current.width)

    def _block_boundary(self, table: _Table | None) -> None:
        """<p>a</p><p>b</p> shows two lines, not a blank one between: the end of one block and the
        start of the next are one line break. Only <br> adds a line of its own."""
        if table is None:
            pieces = self.text
        elif table.cell is not None:
            pieces = table.cell
        else:
            return
        for piece in reversed(pieces):
            if piece == "\n":
                return
            if _SPACES.sub("", piece):
                break
        self._newline(table)

    def _newline(self, table: _Table | None) -> None:
        if table is not None:
            if table.cell is not None:
                table.cell.append("\n")
        else:
            self.text.append("\n")

    # -- row assembly with spans ----------------------------------------------------------------
    def _start_row(self, table: _Table, hidden: bool) -> None:
        table.row = []
        table.row_line = self.getpos()[0]
        table.row_hidden = hidden

    def _end_cell(self, table: _Table) -> None:
        if table.cell is None or table.row is None or table.cell_hidden:
            # A hidden cell takes no column: the browser lays the visible cells out without it.
            table.cell = None
            table.cell_hidden = False
            return
        text = "\n".join(_SPACES.sub(" ", p).strip() for p in "".join(table.cell).split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
        colspan, rowspan = table.cell_span
        self._skip_covered(table)
        column = len(table.row)
        table.row.append(text)
        table.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for c in range(column, column + colspan):
                table.pending[c] = rowspan
            if text:
                table.spans[column] = [table.row, table.row_line, table.row_line, text]
        table.cell = None

    def _end_span(self, table: _Table, column: int) -> None:
        _, first, last, text = table.spans.pop(column)
        if last > first:  # rows written on one source line have no lines to tell them apart
            self.rows.vertical_merges.append((first, last, clean_cell(text)))

    def _skip_covered(self, table: _Table) -> None:
        while table.pending.get(len(table.row), 0) > 0:
            table.row.append("")

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row is None:
            return
        row = table.row
        # Columns covered from above at the end of the row.
        while any(c >= len(row) and n > 0 for c, n in table.pending.items()):
            row.append("")
        for c in list(table.pending):
            if c < len(row):
                table.pending[c] -= 1
                if table.pending[c] <= 0:
                    del table.pending[c]
        for c, span in list(table.spans.items()):
            if span[0] is not row:
                span[2] = table.row_line
            if c not in table.pending:
                self._end_span(table, c)
        # A hidden row still takes its part of the rowspans above (exports count it in the span).
        if not table.row_hidden:
            entries = table.footer if table.in_footer else table.entries
            entries.append((table.row_line, row))
            entries.extend(table.row_tables)
            self.buffered_rows += 1
        table.row = None
        table.row_hidden = False
        table.row_tables = []
        if self.buffered_rows > MAX_ROWS:
            raise _TooBig


class _Unshown:
    """An element whose content the page does not show (hidden, or struck out), open until its
    end tag. Opened inside a cell, it ends with the cell, as a browser closes it there."""

    def __init__(self, tag: str, in_cell: bool, inside_table: bool) -> None:
        self.tag = tag
        self.depth = 1
        self.in_cell = in_cell
        self.inside_table = inside_table

    def ends_at_start(self, tag: str) -> bool:
        return (self.in_cell and tag in _CELL_BOUNDARY) or (self.inside_table and not self.in_cell and tag in _ROW_GROUPS)

    def ends_at_end(self, tag: str) -> bool:
        return (self.in_cell and tag in _CELL_BOUNDARY) or (self.inside_table and tag == "table")


def _hidden(attrs) -> bool:
    values = dict(attrs)
    return "hidden" in values or bool(_DISPLAY_NONE.search(values.get("style") or ""))


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), _MAX_SPAN))
    except (TypeError, ValueError):
        return 1
