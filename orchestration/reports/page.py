"""Shared HTML pieces: escaping, number formatting, the CJK font stack and the page shell.

Pages are self-contained: inline CSS and JS only, no external resource of any kind.
"""

from __future__ import annotations

import html
from datetime import datetime
from decimal import Decimal, InvalidOperation

FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
              '"WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif')

BASE_CSS = """
*{box-sizing:border-box}
body{font-family:%(font)s;margin:0;padding:0 24px 48px;color:#1f2933;background:#f7f8fa;font-size:14px;line-height:1.5}
header.top{position:sticky;top:0;background:#f7f8fa;padding:12px 0 8px;z-index:5;border-bottom:1px solid #d9dee5}
h1{font-size:22px;margin:8px 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-left:4px solid #2f6fb3;padding-left:8px}
h3{font-size:15px;margin:16px 0 6px}
nav a{margin-right:14px}
a{color:#1d5fa8}
.meta{color:#52606d;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}
.card.error b{color:#b42318}.card.warning b{color:#b54708}.card.info b{color:#1d5fa8}
table{border-collapse:collapse;background:#fff;width:100%%;margin:6px 0 12px}
th,td{border:1px solid #d9dee5;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7;position:relative}
table.data th{cursor:pointer;user-select:none;white-space:nowrap}
table.data th.sorted-asc::after{content:" ▲";font-size:10px}
table.data th.sorted-desc::after{content:" ▼";font-size:10px}
td.nowrap{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff;white-space:nowrap}
.sev.error{background:#b42318}.sev.warning{background:#d97706}.sev.info{background:#2f6fb3}
.toolbar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:6px 0}
.toolbar input[type=search]{padding:4px 8px;width:280px;font-family:inherit}
.note{background:#fff8e6;border:1px solid #f3d08a;padding:6px 10px;border-radius:4px}
.muted{color:#7b8794}
"""


def css() -> str:
    return BASE_CSS % {"font": FONT_STACK}


def esc(value) -> str:
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def fmt_number(value, places: int | None = None) -> str:
    """Decimal/float -> text without trailing zeros (33.1000 -> 33.1); None -> ''."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
        return f"{number:f}"
    text = f"{number.normalize():f}"
    return "0" if text in ("-0", "") else text


def fmt_percent(fraction, places: int = 2) -> str:
    if fraction is None:
        return ""
    return f"{Decimal(str(fraction)) * 100:.{places}f}%"


def page(title: str, body: str, script: str = "", extra_css: str = "") -> str:
    generated = datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{css()}{extra_css}</style>\n</head>\n"
        f"<body data-generated=\"{esc(generated)}\">\n{body}\n"
        + (f"<script>\n{script}\n</script>\n" if script else "")
        + "</body>\n</html>\n"
    )
