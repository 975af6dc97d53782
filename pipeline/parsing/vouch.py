"""OCR'd numbers load only where the report's arithmetic vouches for them.

A misread digit looks like any other digit, but it changes every identity (checks.py) through its
cell. So a cell of sections 三/四 loads only if an identity through it was checked and held:
every cell of it read, none placed by the identities (a cell they filled or a glued run they cut:
an identity used to fill checks nothing). Any other cell is made NULL and named, with the value
OCR read: a cell of a broken identity (whose own flag stays to show the arithmetic broken), or one
in no identity that could be checked. Values OCR read with low confidence were left blank already
(words.py) and are named with the text and confidence. Cells that no identity covers (section 二)
load as read, at confidence MIN_CONFIDENCE or more, and one info flag says how many there are.
"""
from __future__ import annotations

from itertools import chain

from .checks import CellKey, _fmt, application_identities, review_identities
from .flags import Flag
from .formats.ocr import MIN_CONFIDENCE, Scan
from .report import ParsedReport


def _doubt_flags(scan: Scan) -> list[Flag]:
    return [Flag("ocr_low_confidence", f"page {d.word.page + 1}, row {d.row or '(unlabelled)'}, column "
                 f"{d.column + 1} ({d.header or 'no header'}): OCR read {d.word.text!r} at confidence "
                 f"{d.word.confidence:.2f} (under {MIN_CONFIDENCE}); left NULL") for d in scan.doubts]


def vouch(report: ParsedReport, scan: Scan) -> None:
    """NULL and flag the OCR'd cells that the identities do not vouch for (in place)."""
    broken: dict[CellKey, list[str]] = {}
    checked: set[CellKey] = set()
    for identity in chain(application_identities(report.application), review_identities(report.review_litigation)):
        if identity.held is False:
            for cell in identity.cells:
                broken.setdefault(cell, []).append(identity.rule)
        elif identity.held and report.placed.isdisjoint(identity.cells):
            checked.update(identity.cells)
    flags = _doubt_flags(scan)
    for section, table in (("application", report.application), ("review_litigation", report.review_litigation)):
        for row, cells in table.items():
            for col, value in cells.items():
                cell = (section, row, col)
                if value is None or (cell in checked and cell not in broken):
                    continue
                why = f"which breaks {', '.join(sorted(set(broken[cell])))}" if cell in broken else \
                    "in no identity that could be checked"
                cells[col] = None
                flags.append(Flag("ocr_unverified", f"{section} {row}/{col}: OCR read {_fmt(value)}, {why}; "
                                  "left NULL", cells=(cell,)))
    unchecked = sum(v is not None for items in report.proactive.values() for cells in items.values()
                    for v in cells.values())
    if unchecked:
        flags.append(Flag("ocr_unchecked", f"{unchecked} OCR'd cells of section 二 are in no identity: loaded "
                          f"as read (each at confidence {MIN_CONFIDENCE} or more)", "info"))
    report.issues += flags
