"""OCR'd numbers load only where the report's arithmetic vouches for them.

A misread digit looks like any other digit, so a report read by OCR is held to its identities
(checks.py): every cell of an identity that does not hold is made NULL and named, with the value
OCR read, and the identity's own flag stays to show the arithmetic broken. Values OCR read with
low confidence were left blank already (words.py) and are named with the text and confidence.
Cells that no identity covers (section 二) load as read, at confidence MIN_CONFIDENCE or more,
and one info flag says how many there are.
"""
from __future__ import annotations

from .checks import _fmt
from .flags import IDENTITY_RULES, Flag
from .formats.ocr import MIN_CONFIDENCE, Scan
from .report import ParsedReport


def _doubt_flags(scan: Scan) -> list[Flag]:
    return [Flag("ocr_low_confidence", f"page {d.word.page + 1}, row {d.row or '(unlabelled)'}, column "
                 f"{d.column + 1} ({d.header or 'no header'}): OCR read {d.word.text!r} at confidence "
                 f"{d.word.confidence:.2f} (under {MIN_CONFIDENCE}); left NULL") for d in scan.doubts]


def vouch(report: ParsedReport, scan: Scan) -> None:
    """NULL and flag the OCR'd cells that the identities do not vouch for (in place)."""
    sections = {"application": report.application, "review_litigation": report.review_litigation}
    unverified: dict[tuple[str, str, str], list[str]] = {}
    for flag in report.issues:
        if flag.rule in IDENTITY_RULES:
            for cell in flag.cells:
                unverified.setdefault(cell, []).append(flag.rule)
    flags = _doubt_flags(scan)
    for (section, row, col), rules in unverified.items():
        value = sections[section].get(row, {}).get(col)
        if value is None:
            continue
        sections[section][row][col] = None
        flags.append(Flag("ocr_unverified", f"{section} {row}/{col}: OCR read {_fmt(value)}, which breaks "
                          f"{', '.join(sorted(set(rules)))}; left NULL", cells=((section, row, col),)))
    unchecked = sum(v is not None for items in report.proactive.values() for cells in items.values()
                    for v in cells.values())
    if unchecked:
        flags.append(Flag("ocr_unchecked", f"{unchecked} OCR'd cells of section 二 are in no identity: loaded "
                          f"as read (each at confidence {MIN_CONFIDENCE} or more)", "info"))
    report.issues += flags
