"""Raw bytes -> one normalised text, whatever the encoding the report came in."""
from __future__ import annotations

import codecs
import re
import unicodedata

from .errors import ParseError
from .radicals import SUPPLEMENT

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKUP_NOISE = re.compile(r"\[bookmark:[^\]]*\]|\[(?:image|page)[^\]]*\]", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Circled and parenthesised numbers (①, ⑴) would become bare digits under NFKC and pass for cells.
_ENCLOSED = re.compile("[\u2460-\u2487]")
# Superscript and subscript digits are footnote markers (5¹), which NFKC would make a digit of the
# number (51): they are kept as written, and the tokenizer reads a number they touch as garbled.
MARKER_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074-\u2079\u2080-\u2089"
_MARKERS = re.compile(f"([{MARKER_DIGITS}]+)")
_RAISED = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# What NFKC makes of most characters it changes in these reports: full-width ASCII (，（）：１２),
# the ideographic space and NBSP. Replaced first, they leave a text that is usually NFKC already,
# which unicodedata checks several times faster than it normalises.
_WIDE = {ch: unicodedata.normalize("NFKC", ch) for ch in map(chr, (*range(0xFF01, 0xFF5F), 0x3000, 0xA0))}
# PDF fonts map ideographs to the radicals drawn alike (民 as ⺠ U+2EA0, 长 as ⻓): NFKC makes the
# Kangxi Radicals ideographs, the Supplement's are translated by Unicode's equivalence (radicals.py).
_RADICALS = frozenset(map(chr, range(0x2E80, 0x2F00)))
_INVISIBLES = frozenset(_INVISIBLE.pattern[1:-1])
_ENCLOSEDS = frozenset(map(chr, range(0x2460, 0x2488)))
# Every character a step of normalise() changes, found in one regex pass: each step runs only when
# its characters are there (on a 120 KB page each step's own pass cost as much as this one).
_CHANGED = re.compile("[" + "".join(map(re.escape, sorted(_RADICALS | _INVISIBLES | _ENCLOSEDS | set(_WIDE)))) + "]")


def _enclosed_number(m: re.Match) -> str:
    code = ord(m.group())
    return f"({(code - 0x2460) % 20 + 1})"


def _guess_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM: CJK/ASCII text has NUL bytes on one side of most code units."""
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def detect_encoding(raw: bytes) -> str:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    utf16 = _guess_utf16(raw)
    if utf16:
        return utf16
    if b"\x00" in raw[:4096]:
        raise ParseError("binary", "the file holds binary data (NUL bytes), not text")
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":     # cut inside its last character: UTF-8 still
            return "utf-8-cut"
    try:
        raw.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        raise ParseError("undecodable", "the bytes are not UTF-8, UTF-16 or GB18030 text") from None


def as_marker(text: str) -> str:
    """Digits a document raises or lowers (<sup>1</sup>, a superscript run in Word) as the marker
    characters: the text then reads 5¹, never 51."""
    return text.translate(_RAISED)


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters, punctuation and spaces), radicals as the ideographs they
    stand for, unified line ends, no markup noise."""
    if not text.isascii():      # ASCII (a table cell's number, most often) holds nothing these change
        found = set(_CHANGED.findall(text))
        if not found.isdisjoint(_RADICALS):
            text = text.translate(SUPPLEMENT)
        if not found.isdisjoint(_INVISIBLES):
            text = _INVISIBLE.sub("", text)
        if not found.isdisjoint(_ENCLOSEDS):
            text = _ENCLOSED.sub(_enclosed_number, text)
        text = _nfkc(text, found.intersection(_WIDE))
    return _MARKUP_NOISE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _nfkc(text: str, wide: set[str]) -> str:
    """unicodedata.normalize("NFKC", text) but for the footnote markers (MARKER_DIGITS): a character
    replaced by its NFKC form (`wide`: those of _WIDE the text holds) leaves the text's NFKC as it
    was, and what remains is normalised only if it is not NFKC yet, around the markers."""
    for ch in wide:
        text = text.replace(ch, _WIDE[ch])
    if unicodedata.is_normalized("NFKC", text):
        return text
    pieces = _MARKERS.split(text)        # text, marker, text, …
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(pieces))


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) > 0.01


def _utf8_tail(last: bytes) -> int:
    """How many of the last three bytes stand before the incomplete character they end with."""
    for k in range(len(last) - 1, -1, -1):
        if last[k] & 0xC0 != 0x80:        # the lead byte of the cut character
            return k
    return 0


def decode(raw: bytes) -> str:
    """Decode and normalise a raw report; ParseError when the bytes are not text."""
    if not raw.strip():
        raise ParseError("empty", "the file is empty")
    encoding = detect_encoding(raw)
    if encoding == "utf-8-cut":     # the file was cut short: what precedes the cut is the text
        raw, encoding = raw[:len(raw) - 3 + _utf8_tail(raw[-3:])], "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError("undecodable", f"cannot decode as {encoding}: {exc.reason}") from None
    if _looks_binary(text):
        raise ParseError("binary", "the file holds binary data, not text")
    return normalise(text)
