"""The fast paths of region resolution read the text exactly as the plain rules do."""
from __future__ import annotations

import re
import sys

from pipeline.regions import gazetteer
from pipeline.regions.divisions import Suffixes
from pipeline.regions.evidence import _mentions
from pipeline.regions.names import compact


def test_compact_drops_exactly_what_re_calls_whitespace():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert compact(chars) == re.sub(r"\s+", "", chars)


def test_suffixes_are_every_name_ending_there_longest_first():
    names = Suffixes(["市中区", "中区", "枣庄市"])
    text = "枣庄市市中区"
    assert names.ending_at(text, 6) == ["市中区", "中区"]
    assert names.ending_at(text, 3) == ["枣庄市"]
    assert names.ending_at(text, 5) == []
    assert names.ending_at(text, 0) == []


def test_a_name_inside_a_longer_one_is_still_read():
    """枣庄市 ends inside 市中区 (a county several cities have): both are looked at, only the
    one that denotes a single place is a mention."""
    gaz = gazetteer()
    assert {d.name for d in _mentions("地址:枣庄市市中区", gaz)} == {"枣庄市"}
