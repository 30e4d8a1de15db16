"""Bytes to text. Never raises: a file we cannot decode cleanly is still read, lossily."""

from __future__ import annotations

import codecs

_REPLACEMENT = "\ufffd"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) with newlines normalised to "\\n"."""
    text, encoding = _decode(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict_or_replace(data, "utf-8-sig")
    # Windows "Unicode" text is UTF-16LE with a BOM; the utf-16 codec reads either order.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict_or_replace(data, "utf-16")
    bomless = bomless_utf16(data)
    if bomless is not None:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Neither decodes cleanly: keep the reading that loses the fewest characters.
    utf8 = data.decode("utf-8", errors="replace")
    gb = data.decode("gb18030", errors="replace")
    if gb.count(_REPLACEMENT) < utf8.count(_REPLACEMENT):
        return gb, "gb18030"
    return utf8, "utf-8"


def _strict_or_replace(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace"), encoding


def bomless_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without BOM: ASCII tabs/digits/newlines leave NULs on one byte parity.

    Such bytes are often *valid* UTF-8 (NUL is legal), so this must run before UTF-8.
    """
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    threshold = len(sample) // 16
    if odd >= threshold and odd > 4 * even:
        return "utf-16-le"
    if even >= threshold and even > 4 * odd:
        return "utf-16-be"
    if even + odd >= len(sample) // 64:
        # Chinese text with few ASCII characters (cells separated by ideographic spaces, whose U+3000
        # holds a NUL too, on the other parity): the byte order whose reading is text, if one is.
        share, codec = max((_text_share(sample, codec), codec) for codec in ("utf-16-le", "utf-16-be"))
        if share >= 0.95:
            return codec
    return None


def _text_share(sample: bytes, codec: str) -> float:
    """The share of characters a Chinese form is written in (ASCII, CJK and their punctuation, full-width
    forms) when the sample is read as `codec`: the other byte order reads as scattered code points."""
    text = sample[: len(sample) - len(sample) % 2].decode(codec, errors="replace")
    usual = sum(1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u303f" or "\u4e00" <= ch <= "\u9fff"
                or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f")
    return usual / len(text) if text else 0.0
