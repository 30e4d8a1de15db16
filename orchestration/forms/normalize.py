"""Character folding shared by number, target and label recognition.

Raw cell text is never rewritten; these helpers produce *comparison* forms only.
"""

from __future__ import annotations

import re
import unicodedata

# NFKC already maps full-width digits, ％, ＞＝, ＝, （）, ：… to ASCII. These symbols
# survive NFKC but are used as comparators in the forms (Excel symbol pickers, WPS).
_OPERATOR_FOLD = str.maketrans(
    {
        "≥": ">=",
        "≧": ">=",
        "⩾": ">=",
        "≤": "<=",
        "≦": "<=",
        "⩽": "<=",
        "═": "=",
        "〉": ">",
        "〈": "<",
    }
)

_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFKC plus comparator folding; keeps Chinese text and inner spacing."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_OPERATOR_FOLD)


def label_key(text: str) -> str:
    """Key for matching header labels: folded, without any whitespace or end colons.

    Labels arrive as "其中：当年财政 拨款", "年度 总体 目标", "年度资金总额:" depending on
    how the table was dumped; all must compare equal to the vocabulary in labels.py.
    """
    return _WHITESPACE.sub("", fold(text)).strip(":")
