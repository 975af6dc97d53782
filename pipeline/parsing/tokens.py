"""Text -> a label stream with value tokens pinned into it.

Every plain-text layout (one cell per line, TAB rows, ``pdftotext -layout`` columns, crawler
text on one line) reduces to the same thing: the label text of the document with all whitespace
removed, and the value tokens (numbers, or explicit blanks such as ``/`` and ``—``) each pinned
at the character offset of the label text where it occurred. A row's values are then simply the
tokens between its label and the next row's label, however the row was wrapped or split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

# A line that is only a page number: "-3-", "— 3 —", "第 3 页", "第3页 共8页".
_PAGE_LINE = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?)\s*$")
_PAGE_PIECE = re.compile(r"^[-—–]\d{1,3}[-—–]$")
BLANK_PIECES = {"/", "\\", "-", "—", "——", "–", "−", "…", "……", "空", "无"}
# Row numbering like "1." / "2、" / "3," in front of a label is text, not a value.
# A "/" touching a digit is a blank cell glued to its neighbours by a crawler ("64/0020470"),
# not label text such as 本年增/减.
_PIECE = re.compile(
    r"(?P<numbering>(?<![\d.])\d{1,2}[.、,](?=[^\d\s.,])|\(\d{1,2}\))"
    r"|(?P<number>[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[+-]?\d+(?:\.\d+)?)"
    r"|(?P<blank>(?<=\d)/|/(?=\d))"
)
# "1. 属于国家秘密": numbering separated from its label by a space.
_SPACED_NUMBERING = re.compile(r"(?<![\d.,])(\d{1,2}[.、])\s+(?=[\u3400-\u9fff(“\"])")
# Latin letters mixed with digits ("l2O", "12a"): a garbled cell, never read as a number.
_GARBLED = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z\d.,+-]+$")
# Digits that belong to labels, never to cells.
_LABEL_DIGITS = re.compile(r"保留\d+位小数|\d+位小数")


@dataclass(frozen=True)
class Token:
    offset: int          # position in Stream.text where the token occurred
    raw: str             # the text as written
    value: Decimal | None  # None: an explicit blank cell ("/", "—", …) or a garbled one
    garbled: bool = False

    @property
    def digits(self) -> str:
        return self.raw.lstrip("+-").replace(",", "")


@dataclass
class Stream:
    text: str = ""
    tokens: list[Token] = field(default_factory=list)

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens after the label starting at `start`, up to and including those right before
        the label starting at `end` (a token's offset is where the following label begins)."""
        return [t for t in self.tokens if start < t.offset <= end]


def _split_piece(piece: str, parts: list[str], tokens: list[Token], offset: int) -> int:
    """Append the label text and the value tokens of one whitespace-free piece."""
    if _GARBLED.match(piece):
        tokens.append(Token(offset, piece, None, garbled=True))
        return offset
    if piece in BLANK_PIECES or _PAGE_PIECE.match(piece):
        if piece in BLANK_PIECES:
            tokens.append(Token(offset, piece, None))
        return offset
    pos = 0
    for m in _PIECE.finditer(piece):
        if m.start() > pos:
            parts.append(piece[pos:m.start()])
            offset += m.start() - pos
        if m.group("numbering"):
            parts.append(m.group())
            offset += len(m.group())
        elif m.group("blank"):
            tokens.append(Token(offset, m.group(), None))
        else:
            raw = m.group()
            tokens.append(Token(offset, raw, Decimal(raw.replace(",", ""))))
        pos = m.end()
    if pos < len(piece):
        parts.append(piece[pos:])
        offset += len(piece) - pos
    return offset


def tokenize(text: str) -> Stream:
    parts: list[str] = []
    tokens: list[Token] = []
    offset = 0
    for line in text.split("\n"):
        if _PAGE_LINE.match(line):
            continue
        line = _SPACED_NUMBERING.sub(r"\1", _LABEL_DIGITS.sub("", line))
        for piece in line.split():
            offset = _split_piece(piece, parts, tokens, offset)
    return Stream("".join(parts), tokens)
