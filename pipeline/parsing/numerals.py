"""Dates written in Chinese numerals (二〇二五年二月十四日, 二〇二〇年一月, 二零二三年度) as Arabic digits.

Signatures and some titles spell the date out; the metadata patterns read digits only. Only a
four-numeral year followed by 年 is converted (with the month and day that follow it), so that
ordinals such as 一、总体情况 or 近三年 stay as written.
"""
from __future__ import annotations

import re

_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT = "〇○零O0一二三四五六七八九"
_SMALL = "一二三四五六七八九十"
_DATE = re.compile(rf"([一二][{_DIGIT}]{{3}})\s*年(?:\s*([{_SMALL}]{{1,2}})\s*月(?:\s*([{_SMALL}]{{1,3}})\s*日)?)?")


def _small(numeral: str) -> int:
    """十二 -> 12, 二十三 -> 23, 三十一 -> 31, 十 -> 10, 九 -> 9."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, ones = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _arabic(m: re.Match) -> str:
    out = "".join(str(_DIGITS[c]) for c in m.group(1)) + "年"
    if m.group(2):
        out += f"{_small(m.group(2))}月"
        if m.group(3):
            out += f"{_small(m.group(3))}日"
    return out


def arabic_dates(text: str) -> str:
    """The text with every Chinese-numeral year (and its month and day) in Arabic digits."""
    return _DATE.sub(_arabic, text) if "年" in text else text
