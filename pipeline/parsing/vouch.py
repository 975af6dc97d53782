"""OCR'd numbers load only where the report's arithmetic vouches for them.

A misread digit looks like any other digit, but it changes every identity (checks.py) through its
cell. So a cell of sections 三/四 loads only if an identity through it was checked and held:
every cell of it read, none placed by the identities (a cell they filled or a glued run they cut:
an identity used to fill checks nothing). Any other cell is made NULL and named, with the value
OCR read: a cell of a broken identity (whose own flag stays to show the arithmetic broken), or one
in no identity that could be checked. A NULL cell (a blank mark OCR read, or one the parser could not
place) that leaves every identity through it unchecked is named (ocr_blank, info): the gold may
hold a 0 there that no reading could tell. Cells that no identity covers (section 二) load as read, at
confidence MIN_CONFIDENCE or more, and one info flag says how many there are.

Values OCR read with low confidence were left blank (words.py) and are named with the text and
confidence. Their readings are candidates (the report parsed with them in place): one loads when
an identity through it holds with it, every other cell of that identity read (or confirmed so
before it): an identity holds with one value of a cell only, so the reading is the report's. One
that no identity confirms, or that breaks one, stays NULL. A zero is often read under 0.9 (a
faint, small glyph), and a NULL cell also left its row and column unchecked.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain

from .checks import CellKey, Identity, _fmt, application_identities, review_identities
from .flags import Flag
from .formats.ocr import MIN_CONFIDENCE, Scan
from .formats.words import is_value
from .report import ParsedReport

_SECTIONS = ("application", "review_litigation")


def _identities(report: ParsedReport) -> Iterator[Identity]:
    return chain(application_identities(report.application), review_identities(report.review_litigation))


def _doubt_flags(scan: Scan, confirmed: list[Decimal], loaded: set[CellKey], apart: set[int],
                 cells: dict[int, tuple]) -> list[Flag]:
    """A flag per doubted value, naming the cells it would fill (cells: parse_scan); info where it
    is no part of the report (apart: parse_scan), where the cells it fills were confirmed (loaded),
    or where the values confirmed are the other doubted ones, all."""
    try:
        every = sorted(confirmed) == sorted(Decimal(d.word.text) for k, d in enumerate(scan.doubts)
                                            if k not in apart)
    except ArithmeticError:     # a doubted mark (—, a misread value): no number, never a candidate
        every = False
    resolved = [every or bool(cells.get(k)) and loaded.issuperset(cells[k]) for k in range(len(scan.doubts))]
    return [Flag("ocr_low_confidence", f"page {d.word.page + 1}, row {d.row or '(unlabelled)'}, column "
                 f"{d.column + 1} ({d.header or 'no header'}): OCR read {d.word.text!r} at confidence "
                 f"{d.word.confidence:.2f} (under {MIN_CONFIDENCE}); "
                 + ("no cell of the report: read with it, the report is the same" if k in apart else
                    "no number (a misread value): left NULL" if not is_value(d.word.text) else
                    "an identity holds with it (ocr_confirmed)" if resolved[k] else
                    "left NULL unless an identity holds with it (ocr_confirmed)"),
                 "info" if resolved[k] or k in apart else "warning", cells=cells.get(k, ()))
            for k, d in enumerate(scan.doubts)]


def _candidates(report: ParsedReport, candidate: ParsedReport) -> dict[CellKey, Decimal]:
    """The cells of 三/四 NULL in the report that the candidate reading read as written, in rows
    where it read every other cell as the report did (else the row's layout is another: a doubted
    dash read at 0.16, set in a cell that holds a value)."""
    found: dict[CellKey, Decimal] = {}
    for section in _SECTIONS:
        table, other = getattr(report, section), getattr(candidate, section)
        for row, cells in table.items():
            read = other.get(row, {})
            if any(v is not None and (section, row, col) not in report.placed and read.get(col) != v
                   for col, v in cells.items()):
                continue
            found |= {(section, row, col): read[col] for col, v in cells.items()
                      if v is None and read.get(col) is not None and (section, row, col) not in candidate.placed}
    return found


def _confirm(report: ParsedReport, candidate: ParsedReport, confirmed: list[Decimal]) -> list[Flag]:
    """Put in the report the candidates an identity confirms (see above), one at a time: a flag
    each, and its value in `confirmed`."""
    pending, flags = _candidates(report, candidate), []
    while pending:
        for cell, value in pending.items():
            section, row, col = cell
            getattr(report, section)[row][col] = value
            through = [i for i in _identities(report) if cell in i.cells]
            rule = next((i.rule for i in through if i.held and report.placed.isdisjoint(i.cells)), None)
            if rule and not any(i.held is False for i in through):
                flags.append(Flag("ocr_confirmed", f"{section} {row}/{col}: OCR read {_fmt(value)} with low "
                                  f"confidence, and {rule} holds with it: loaded", "info", cells=(cell,)))
                confirmed.append(value)
                del pending[cell]
                break
            getattr(report, section)[row][col] = None
        else:
            break
    return flags


def vouch(report: ParsedReport, scan: Scan, candidate: ParsedReport | None = None,
          apart: set[int] = frozenset(), cells: dict[int, tuple] | None = None) -> None:
    """NULL and flag the OCR'd cells that the identities do not vouch for (in place); the
    low-confidence readings of `candidate` (the report read with them) that they confirm load.
    apart: the doubts (indexes into scan.doubts) that are no part of the report (an info flag each);
    cells: per other doubt, the cells it would fill."""
    confirmed: list[Decimal] = []
    flags = _confirm(report, candidate, confirmed) if candidate else []
    flags = _doubt_flags(scan, confirmed, {c for f in flags for c in f.cells}, apart, cells or {}) + flags
    broken: dict[CellKey, list[str]] = {}
    checked: set[CellKey] = set()
    for identity in _identities(report):
        if identity.held is False:
            for cell in identity.cells:
                broken.setdefault(cell, []).append(identity.rule)
        elif identity.held and report.placed.isdisjoint(identity.cells):
            checked.update(identity.cells)
    evaluated = {cell for identity in _identities(report) if identity.held is not None for cell in identity.cells}
    for section in _SECTIONS:
        for row, cells in getattr(report, section).items():
            blank = tuple((section, row, col) for col, value in cells.items()
                          if value is None and (section, row, col) not in evaluated)
            if blank:
                flags.append(Flag("ocr_blank", f"{section} {row}: {', '.join(c[2] for c in blank)} NULL as read (a blank "
                                  "mark such as /, or cells the parser could not place), and no identity "
                                  "through them could be checked",
                                  "info", cells=blank))
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
