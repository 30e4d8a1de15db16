"""Character folding shared by number, target and label recognition.

Raw cell text is never rewritten; these helpers produce *comparison* forms only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
        "−": "-",  # U+2212 MINUS SIGN (Word's AutoFormat, PDF text): NFKC keeps it
        # Invisible characters a copy leaves in cells (zero-width space and joiners, a BOM in the
        # middle of the text, soft hyphens): "120\u200b" is the number 120, "项\u200b目名称" the label.
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)

# Copies of forms on mirror sites come in traditional characters, some with the pinyin of
# each word injected after it ("項(xiàng)目名稱", "指標(biāo)"). For comparison only, the
# traditional forms of the characters the form's vocabulary uses fold to their simplified
# forms and such pinyin is dropped; the cell text itself is never rewritten.
_TRADITIONAL = str.maketrans(
    "萬專與為務優會價體決況減別區單縣號響處備頭實對屬張強當總態報擬撥權標濟滿環電蓋稱簽類級經結"
    "績續綜編聯計論設評話說請讀調負財責質貿資轉較達過進適釋銀門問際項預題額產業執時顯無數斷準眾"
    "規驗間碼後運營費補個衛劃歲開關長發現義務",
    "万专与为务优会价体决况减别区单县号响处备头实对属张强当总态报拟拨权标济满环电盖称签类级经结"
    "绩续综编联计论设评话说请读调负财责质贸资转较达过进适释银门问际项预题额产业执时显无数断准众"
    "规验间码后运营费补个卫划岁开关长发现义务",
)
_HAS_TRADITIONAL = re.compile("[" + "".join(map(chr, _TRADITIONAL)) + "]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\((?=[^)]*[" + _TONED + r"])[a-zü" + _TONED + r"]{1,7}\)")

_WHITESPACE = re.compile(r"\s+")
# The same injected pinyin before NFKC (full-width or ASCII brackets), to find its span in raw text.
_PINYIN_RAW = re.compile(
    r"(?<=[\u3400-\u9fff])[(（](?=[^)）]*[" + _TONED + r"])[a-zü" + _TONED + r"]{1,7}[)）]"
)


def fold_traditional(ch: str) -> str:
    """One character's simplified form when it is one of the vocabulary's traditional forms."""
    return ch.translate(_TRADITIONAL)


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each pinyin injection ("項(xiàng)目": "(xiàng)") in raw text."""
    if "(" not in text and "（" not in text:
        return []
    return [m.span() for m in _PINYIN_RAW.finditer(text)]


def fold(text: str) -> str:
    """NFKC plus comparator folding (and the mirror-copy folding above); keeps Chinese text
    and inner spacing."""
    if text.isascii():
        return text
    if len(text) <= _CACHED_LENGTH:
        return _fold_cell(text)  # cells and labels repeat from form to form
    return _fold(text)


_CACHED_LENGTH = 64


@lru_cache(maxsize=8192)
def _fold_cell(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_OPERATOR_FOLD)
    if _HAS_TRADITIONAL.search(folded):  # a search is cheaper than a translate on every cell
        folded = folded.translate(_TRADITIONAL)
    return _PINYIN.sub("", folded) if "(" in folded else folded


def label_key(text: str) -> str:
    """Key for matching header labels: folded, without any whitespace or end colons.

    Labels arrive as "其中：当年财政 拨款", "年度 总体 目标", "年度资金总额:" depending on
    how the table was dumped; all must compare equal to the vocabulary in labels.py.
    """
    if len(text) <= _CACHED_LENGTH:
        return _label_key_cell(text)  # every row's cells are keyed, and labels repeat from form to form
    return _WHITESPACE.sub("", fold(text)).strip(":")


@lru_cache(maxsize=8192)
def _label_key_cell(text: str) -> str:
    return _WHITESPACE.sub("", fold(text)).strip(":")
