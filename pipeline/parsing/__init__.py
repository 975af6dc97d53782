"""bytes -> ParsedReport: decode, tokenise, locate sections and rows, solve cells, check identities.

The parser is a pure function with no I/O, so it runs in a process pool and is tested on its own.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import spec
from .checks import check_application, check_review, missing_columns
from .decode import decode, normalise
from .errors import ParseError
from .flags import Flag
from .formats import extract, layout, markdown
from .locate import Sections, find_sections
from .metadata import read_metadata
from .narrative import check_narrative
from .proactive import read_proactive
from .report import ParsedReport
from .table_result import TableResult
from .tables import read_applications, read_review
from .timeliness import check_timeliness
from .tokens import Stream, tokenize

if TYPE_CHECKING:
    from .formats.ocr import Scan

__all__ = ["ParseError", "ParsedReport", "parse_bytes", "parse_scan", "parse_text", "spec"]


def _template(proactive_hint: str | None, application_hint: str | None, year: int | None,
              flags: list[Flag]) -> str | None:
    """Section 二 headers decide; the shape of （六）其他处理 decides when section 二 is silent."""
    if proactive_hint and application_hint and proactive_hint != application_hint:
        flags.append(Flag("hybrid_template", f"section 二 follows the {proactive_hint} template but "
                          f"（六）其他处理 follows {application_hint}", "info"))
    template = proactive_hint or application_hint
    if template is None and year is not None:
        template = "2021" if year >= 2021 else "2019"
        flags.append(Flag("template_from_year", f"the tables do not show their template; {template} "
                          f"assumed from the report year {year}", "info"))
    return template


def parse_text(text: str, source: str = "") -> ParsedReport:
    return _parse_plain(normalise(text), source)


def _parse_plain(text: str, source: str) -> ParsedReport:
    """Plain text; fixed-width text (a converter's layout of a PDF) has its tables read by its words'
    positions, its metadata and narrative as written (a sentence that ends in a number, 行政复议 351,
    would read as a label and its cell). Markdown (a converter's) is read as the text it marks up."""
    text = markdown.to_text(text)
    return _parse_normalised(text, source, layout.to_text(text) if layout.has_columns(text) else None)


def _filled(review: dict) -> int:
    return sum(v is not None for cells in review.values() for v in cells.values())


def _incomplete(review: dict) -> bool:
    return _filled(review) < len(spec.PROCEEDINGS) * len(spec.RESULTS)


def read_tables(stream: Stream) -> tuple[Sections, dict[str, TableResult | None]]:
    """The sections found in the token stream, and each table as read (None: not found)."""
    sections = find_sections(stream)
    tables = {}
    glued = False       # section 三 is read first: it shows whether the cells are glued
    for name, reader in (("applications", read_applications), ("review", read_review),
                         ("proactive", read_proactive)):
        span = sections.span(name)
        top = {"top": sections.review} if name == "review" else {}
        tables[name] = reader(stream, *span, glued=glued, **top) if span else None
        glued = glued or bool(tables[name] and tables[name].glued)
        if tables[name] and tables[name].claimed:      # values past its end that it read as its own
            claimed = set(map(id, tables[name].claimed))
            stream = Stream(stream.text, [t for t in stream.tokens if id(t) not in claimed], stream.cut_left, stream.breaks, stream.tabbed)
    return sections, tables


def _parse_normalised(text: str, source: str, tables_text: str | None = None) -> ParsedReport:
    """tables_text: the text to read the tables from, where not `text` itself."""
    sections, tables = read_tables(tokenize(text if tables_text is None else tables_text))
    flags: list[Flag] = []
    for name in ("proactive", "applications", "review"):
        if tables[name] is not None:
            flags.extend(tables[name].flags)
    application = tables["applications"].cells if tables["applications"] else {}
    proactive = tables["proactive"].cells if tables["proactive"] else {}
    review = tables["review"].cells if tables["review"] else {}
    if not application and not proactive:
        raise ParseError("not_a_report", "no open-government-information tables (sections 二 and 三) were found")
    if application and sections.review is None and sections.problems is None:
        raise ParseError("truncated", "the text ends inside the tables: nothing follows section 三 "
                         "(no section 四 or 五), so rows or cells may be missing")
    if sections.review is not None and not sections.closed and _incomplete(review):
        raise ParseError("truncated", "the text ends inside section 四: no section 五 follows and its "
                         f"table holds {_filled(review)} of {len(spec.PROCEEDINGS) * len(spec.RESULTS)} values")
    for name, label in (("applications", "三"), ("review", "四"), ("proactive", "二")):
        if not tables[name] or not tables[name].cells:
            flags.append(Flag("missing_section", f"section {label} was not found or holds no values"))

    meta = read_metadata(text)
    if meta.stated_year and meta.title_year and meta.stated_year != meta.title_year:
        flags.insert(0, Flag("year_conflict", f"the title says {meta.title_year} but the stated statistics "
                             f"period is {meta.stated_year}; report_year = {meta.stated_year}"))
    template = _template(tables["proactive"] and tables["proactive"].template_hint,
                         tables["applications"] and tables["applications"].template_hint,
                         meta.report_year, flags)
    flags += check_application(application) + check_review(review) + missing_columns(application, review)
    flags += check_narrative(text, application, review, meta.report_year) + check_timeliness(meta)
    return ParsedReport(
        source=source, agency_name=meta.agency_name, admin_level=meta.admin_level,
        title_year=meta.title_year, report_year=meta.report_year, template_version=template,
        published_on=meta.published_on, region=meta.region, application=application, review_litigation=review,
        proactive=proactive, issues=flags,
        placed=set().union(*(tables[name].placed for name in ("applications", "review") if tables[name])),
    )


def parse_bytes(raw: bytes, source: str = "", on_page: Callable[[], None] | None = None) -> ParsedReport:
    """Any supported format: PDF, HTML and DOCX become text first (formats/), plain text is
    decoded, a scan is read by OCR (parse_scan). on_page: called before each page OCR recognises."""
    got = extract(raw, on_page)
    if got.scan is not None:
        return parse_scan(got.scan, source)
    report = _parse_plain(decode(raw), source) if got.text is None else _parse_normalised(normalise(got.text), source)
    report.read_method = got.method
    report.issues += got.flags
    return report


def parse_scan(scan: Scan, source: str = "") -> ParsedReport:
    """A scan's OCR reading -> its report, the numbers held to the identities (vouch.py)."""
    from .vouch import vouch

    report = _parse_normalised(normalise(scan.text), source)
    report.read_method = "ocr"
    report.ocr_pages, report.ocr_confidence, report.ocr_seconds = len(scan.pages_read), scan.confidence, scan.seconds
    try:        # the reading with the low-confidence values in place: their cells' candidates
        candidate = _parse_normalised(normalise(scan.candidates), source) if scan.candidates else None
    except ParseError:
        candidate = None
    vouch(report, scan, candidate, *_apart(report, scan, source))
    return report


def _apart(report: ParsedReport, scan: Scan, source: str) -> tuple[set[int], dict[int, tuple]]:
    """The doubts (by index) that are no part of the report: read with it alone in its cell, the
    report is the same, every cell, figure and flag (a digit read in the page's chrome, beside a
    print button, that the parser reads in no section); and per other doubt the cells it fills,
    NULL in the report (its flag names them)."""
    same = report.to_json()
    apart, cells = set(), {}
    for k, text in enumerate(scan.alone):
        try:
            alone = _parse_normalised(normalise(text), source).to_json() if text else None
        except ParseError:
            continue
        if alone == same:
            apart.add(k)
        elif alone is not None:
            held = dict(_cells(same))
            cells[k] = tuple(key for key, v in _cells(alone) if v is not None and key in held and held[key] is None)
    return apart, cells


def _cells(data: dict) -> Iterator[tuple[tuple, object]]:
    """The report's cells of sections 二, 三 and 四 (its JSON), as ((section, row, …, column), value)."""
    def walk(node, path: tuple):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, (*path, key))
        else:
            yield path, node
    for section in ("proactive", "application", "review_litigation"):
        yield from walk(data.get(section) or {}, (section,))
