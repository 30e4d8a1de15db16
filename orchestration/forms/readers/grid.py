"""Shared helpers: a table of cell texts -> cells.Row objects the layout recogniser reads."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from ..cells import Cell, Row, clean_cell


def make_row(texts: list[str], line: int, width: int | None = None) -> Row | None:
    """A row of cleaned cells on `line`, padded to `width`; None when every cell is blank.

    Merged cells arrive as the anchor's text followed by blanks, like the seed's dump, so the
    layout fills 一级/二级 down itself and never sees a label repeated where it does not belong.
    """
    cleaned = [clean_cell(t) for t in texts]
    if not any(cleaned):
        return None
    if width is not None and len(cleaned) < width:
        cleaned.extend([""] * (width - len(cleaned)))
    return Row([Cell(t, line, line) for t in cleaned])


def number_text(value: object) -> str:
    """Cell value as the text a reader of the sheet sees (cached values, never formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value != value:  # NaN
            return ""
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return _plain(number)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
