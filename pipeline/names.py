"""Raw file names as the warehouse stores them, and as a terminal may show them.

A POSIX file name is any bytes but '/' and NUL: `unzip` of a Windows archive writes GBK names that
are not UTF-8 (Python lists them with surrogate escapes, which polars, DuckDB and a terminal all
refuse), and a name may hold a newline or a terminal escape that would forge lines of a run's
output. The stored name is the name's UTF-8 text with every byte that is not valid UTF-8, every
control character and the backslash itself written as `\\xNN` (the bytes, in hex): printable, one
line, and lossless, since a backslash in the stored form only ever starts such an escape.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

# undecodable bytes (surrogate-escaped by os.fsdecode), the escape character, C0 controls, DEL, C1 controls
_NOT_STORED = re.compile(r"[\udc80-\udcff\\\x00-\x1f\x7f-\x9f]")
_ESCAPE = re.compile(rb"\\x([0-9a-f]{2})")
# what a terminal would act on rather than show: controls and the bidirectional overrides
_NOT_SHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


def stored_name(os_name: str) -> str:
    """A name as os.scandir gives it -> its stored form (unchanged for a plain UTF-8 name)."""
    return _NOT_STORED.sub(lambda m: "".join(f"\\x{b:02x}" for b in os.fsencode(m.group())), os_name)


def disk_path(raw_dir: Path, stored: str) -> Path:
    """The file a stored name stands for (the inverse of stored_name, '/'-separated paths too)."""
    return raw_dir / os.fsdecode(_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), stored.encode("utf-8")))


def printable(text: str) -> str:
    """Text from a file name or a file's content, safe to print as one line of a terminal."""
    return _NOT_SHOWN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
