"""Deterministic benchmark corpora.

The realistic corpus (`write_real_corpus`, what `make bench` measures): the visible real reports
(../shared/seeds, real, real2, with their gold) re-published by many invented agencies in many
years, in a mix of plain text, HTML pages, PDFs and DOCX files:

    python bench/corpus.py --n 20000 --out /tmp/real

Each file is one real report's text and table shapes with the agency's place names and office
swapped for real places from the gazetteer and another office (in title, body and signature),
every year in it shifted by the same amount (the year stays under the source's template), and
the numbers kept as the report states them (so the file's identities hold or break as the real
one's do). Text files are the real text (~8 KB; a tenth re-encoded to GB18030); HTML pages are
the real page of a source that has one, else the real text and the gold's tables in that page's
chrome; PDFs and DOCX files hold the real text around the gold's tables rendered as ruled or Word
tables. Agencies recur across years, so year-over-year continuity has work to do.

The synthetic corpus (`write_corpus`, `--synthetic`): short regular reports from tests/synth.py,
both templates and every plain-text layout, a share of GB18030/UTF-16 files, ~2% with broken
arithmetic. It is what the 100k rows of the earlier benchmark measured.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import math
import random
import re
import sys
import zipfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

from pipeline.regions import gazetteer  # noqa: E402
from tests.html_pages import CATALOGUE, Variation, application_spans, gold_report, table_html  # noqa: E402
from tests.pdfgen import _BODY, _TITLE, LABEL_WIDTHS, _table  # noqa: E402
from tests.synth import (  # noqa: E402
    LAYOUTS,
    SynthReport,
    add_docx_table,
    random_agency,
    random_report,
    render,
    table_spans,
)

BROKEN_SHARE = 0.02
CHUNK = 500


_SYLLABLES = "安平宁康泰和兴隆丰华阳新昌永福金石清河东西南北中林山水川桥关城湖江海云松柏青白红黄"
_KINDS = ("县{}镇人民政府", "县{}乡人民政府", "区{}街道办事处", "县人民政府", "市{}区人民政府", "县财政局")


def _agency_pool(seed: int, n: int) -> list[str]:
    """About n/3 distinct agencies, so that each appears in about three years."""
    rng = random.Random(seed)
    names = {random_agency(rng) for _ in range(50)}
    while len(names) < max(1, n // 3):
        place = "".join(rng.choices(_SYLLABLES, k=2))
        names.add(place + rng.choice(_KINDS).format("".join(rng.choices(_SYLLABLES, k=2))))
    return sorted(names)


def _write_chunk(args: tuple[int, int, int, Path, list[str]]) -> int:
    seed, start, stop, out, agencies = args
    for i in range(start, stop):
        rng = random.Random(seed * 1_000_003 + i)
        agency = agencies[i % len(agencies)]
        year = 2019 + (i // len(agencies)) % 7
        template = "2019" if year < 2021 and rng.random() < 0.9 else "2021"
        rep = random_report(rng, template, year=year, agency=agency, broken=rng.random() < BROKEN_SHARE)
        text = render(rep, rng.choice(LAYOUTS), rng, noise=rng.random() < 0.5)
        encoding = rng.choices(("utf-8", "gb18030", "utf-16"), weights=(85, 10, 5))[0]
        (out / f"{i:07d}.txt").write_bytes(text.encode(encoding))
    return stop - start


def write_corpus(n: int, out: Path, seed: int = 1, workers: int | None = None) -> int:
    """Write n reports to out/0000000.txt …; the same (n, seed) always gives the same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    agencies = _agency_pool(seed, n)
    chunks = [(seed, s, min(n, s + CHUNK), out, agencies) for s in range(0, n, CHUNK)]
    if len(chunks) == 1 or workers == 1:
        return sum(map(_write_chunk, chunks))
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(_write_chunk, chunks))


# ---- the realistic corpus -------------------------------------------------------------------

GOLD_SETS = ("seeds", "real", "real2")
FORMATS = {"txt": 40, "html": 25, "pdf": 25, "docx": 10}     # shares of the mix, in percent
GB18030_SHARE = 0.1                                            # of the text files
YEARS = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024, 2025)}    # the years each template covers
# of every fourteen agencies, six departments, five towns, two counties and a prefecture (by file
# count: ~45 % department, ~40 % town, ~10 % county, ~5 % prefecture reports)
KINDS = ("department", "township") * 5 + ("department", "county", "county", "prefecture")
OFFICES = ("发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
           "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局",
           "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局",
           "行政审批局", "退役军人事务局")
_ZONE = re.compile(r"\S{2,8}?(?:综合实验区|经济技术开发区|高新技术产业开发区|新区)")   # county-level zones
_YEAR = re.compile(r"(?<![\d〔\[])(20[0-3]\d)(?=\s*(?:年|-\d|\.\d\d?\.))")
_CN_YEAR = re.compile(r"二[〇○零O][一二三][〇○零O一二三四五六七八九](?=年)")
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}
_CRAWLER_END = re.compile(r"^=+ 正文 =+$", re.M)             # the end of a crawler archive's header
_SECTION_2 = re.compile(r"二\s*、\s*主动公开政府信息情况")
_SECTION_5 = re.compile(r"[五六]\s*、\s*(?:政府信息公开工作)?存在的主要问题")


@dataclass(frozen=True, eq=False)     # one object per source: hashed by identity
class Source:
    """A real report: its text, its gold, and what of its agency's name a new agency replaces."""
    stem: str
    text: str
    gold: dict
    places: tuple[tuple[str, int], ...]     # place names in the agency's name, with level (2 … 4)
    office: str | None                      # a department's own name (社会事业局), None for a government
    page: str | None = None                 # the report's own HTML page, if it has one

    @property
    def kind(self) -> str:
        return self.gold["admin_level"]

    @property
    def years(self) -> tuple[int, ...]:
        return YEARS[self.gold["template_version"]]


def _name_parts(name: str) -> tuple[tuple[tuple[str, int], ...], str]:
    """(place names with their level, the rest): 淮安市洪泽区人民政府 -> ((淮安市, 2), (洪泽区, 3)), 人民政府."""
    full = gazetteer().full
    places: list[tuple[str, int]] = []
    while True:
        hit = next((name[:j] for j in range(len(name), 1, -1) if name[:j] in full), None)
        if hit:
            places.append((hit, full[hit][0].level))
        elif not places and (zone := _ZONE.match(name)):
            hit = zone.group(0)
            places.append((hit, 3))
        else:
            return tuple(places), name
        name = name[len(hit):]


@cache
def sources() -> tuple[Source, ...]:
    """The visible real texts with gold; an HTML gold of the same report becomes that text's page."""
    texts, pages = [], {}
    for name in GOLD_SETS:
        for gold_file in sorted((SHARED / "gold" / name).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            path = SHARED / name / gold["source"]
            key = (tuple(gold["agency_names"]), gold["report_year"])
            if path.suffix == ".html":
                pages[key] = path.read_text(encoding="utf-8")
            elif path.suffix == ".txt":
                texts.append((key, path, gold))
    out = []
    for key, path, gold in texts:
        places, rest = _name_parts(max(gold["agency_names"], key=len))
        office = rest if gold["admin_level"] == "department" else None     # 社会事业局, 人民政府办公室
        out.append(Source(path.stem, path.read_text(encoding="utf-8"), gold, places, office, pages.get(key)))
    return tuple(out)


def _spread(seq: list, q: int):
    """The q-th of a sequence taken with a stride coprime with its length: distinct for q < len(seq),
    and neighbours far apart (not 30 towns of one county in a row)."""
    step = next(s for s in range(7919, 10**6) if math.gcd(s, len(seq)) == 1)
    return seq[q * step % len(seq)]


@cache
def _divisions() -> dict[int, list]:
    """Prefectures, counties and towns (镇, 乡) that sit in a complete province-prefecture-county chain,
    one of each name (many texts name only the town: two 高桥镇 would publish the same bytes)."""
    g = gazetteer()
    by_level: dict[int, dict] = defaultdict(dict)
    for d in sorted(g.by_code.values(), key=lambda d: d.code):
        chain = [x.level for x in g.path(d)]
        if chain == list(range(1, d.level + 1)) and d.level >= 2 and (d.level < 4 or d.name[-1] in "镇乡"):
            by_level[d.level].setdefault(d.name, d)
    return {level: list(named.values()) for level, named in by_level.items()}


def capacity(kind: str) -> int:
    """How many agencies of a kind have names of their own."""
    levels = _divisions()
    return len(levels[3]) * len(OFFICES) if kind == "department" else \
        len(levels[{"prefecture": 2, "county": 3, "township": 4}[kind]])


def agency_places(kind: str, q: int) -> tuple[dict[int, str], str | None]:
    """The q-th invented agency of a kind: its place names by level, and its office (departments)."""
    g, levels = gazetteer(), _divisions()
    if kind == "department":
        bottom, office = _spread(levels[3], q // len(OFFICES)), OFFICES[q % len(OFFICES)]
    else:
        bottom, office = _spread(levels[{"prefecture": 2, "county": 3, "township": 4}[kind]], q), None
    return {d.level: d.name for d in g.path(bottom) if d.level >= 2}, office


def renaming(source: Source, kind: str, q: int) -> dict[str, str]:
    """Old -> new for the place names and office of a source's agency."""
    places, office = agency_places(kind, q)
    out = {old: places.get(level, old) for old, level in source.places}
    if source.office and office:
        out[source.office] = office
    return out


def _shift_years(text: str, delta: int) -> str:
    def cn(m: re.Match) -> str:
        year = int("".join(str(_CN[c]) for c in m.group(0))) + delta
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(year))
    return _CN_YEAR.sub(cn, _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text))


def dress(text: str, names: dict[str, str], delta: int) -> str:
    """The text with the agency's names swapped (longest first) and every year moved by delta."""
    if names:
        pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
        text = pattern.sub(lambda m: names[m.group(0)], text)
    return _shift_years(text, delta) if delta else text


def expected_names(source: Source, names: dict[str, str]) -> list[str]:
    """The names the gold accepts for the source's agency, as the invented agency's."""
    return [dress(n, names, 0) for n in source.gold["agency_names"]]


@dataclass(frozen=True)
class Item:
    """One file of the corpus: which source, re-published by which agency, in which year and format."""
    index: int
    stem: str         # the source's
    kind: str
    q: int            # the agency's number among those of its kind
    year: int
    fmt: str

    @property
    def name(self) -> str:
        return f"{self.index:07d}.{self.fmt}"

    @property
    def source(self) -> Source:
        return next(s for s in sources() if s.stem == self.stem)

    @property
    def names(self) -> dict[str, str]:
        return renaming(self.source, self.kind, self.q)


def plan(n: int, seed: int = 1, formats: dict[str, int] = FORMATS) -> list[Item]:
    """The corpus's first n files: agency after agency, each with a report for every year that a
    source of its kind covers (the source for each year chosen in turn), formats drawn by their
    shares (text for a source that cannot be laid out as a document)."""
    by_kind: dict[str, list[Source]] = defaultdict(list)
    for s in sources():
        by_kind[s.kind].append(s)
    counts: dict[str, int] = defaultdict(int)
    items: list[Item] = []
    agency = 0
    while len(items) < n:
        kind = KINDS[agency % len(KINDS)]
        agency += 1
        if counts[kind] == capacity(kind):          # all its names taken (prefectures, past ~30,000 files)
            continue
        q, counts[kind] = counts[kind], counts[kind] + 1
        for year in range(2019, 2026):
            fitting = [s for s in by_kind[kind] if year in s.years]
            if fitting and len(items) < n:
                source = fitting[(agency - 1 + year) % len(fitting)]
                rng = random.Random(f"{seed}-{len(items)}")
                fmt = rng.choices(list(formats), weights=list(formats.values()))[0]
                items.append(Item(len(items), source.stem, kind, q, year, fmt if _lays_out(source) else "txt"))
    return items


@dataclass(frozen=True)
class Document:
    """A report laid out for a word processor: a title, prose, the three tables, prose."""
    title: tuple[str, ...]      # the body's name, then the year's title line; () when the prose has one
    head: list[str]
    tail: list[str]
    report: SynthReport


def _paragraphs(text: str) -> list[str]:
    """Lines as paragraphs; a crawler's one-line page cut after its sentences."""
    out = []
    for line in filter(None, map(str.strip, text.splitlines())):
        out += [p for p in re.split(r"(?<=。)", line) if p.strip()] if len(line) > 400 else [line]
    return out


def document(source: Source, names: dict[str, str], year: int) -> Document | None:
    """The source dressed as the agency of `names` in `year`, laid out as a document; None when its
    text has no section 二 and 五 to cut at."""
    delta = year - source.gold["report_year"]
    text = dress(source.text, names, delta)
    crawler = _CRAWLER_END.search(text)
    body = text[crawler.end():] if crawler else text
    start = _SECTION_2.search(body)
    end = next((m for m in _SECTION_5.finditer(body) if start and m.start() > start.end()), None)
    if not (start and end):
        return None
    head = _paragraphs(body[:start.start()])
    opening = "".join(head[:2])
    titled = len(opening) < 80 and ("年度报告" in opening or "年报" in opening)
    name = max(expected_names(source, names), key=len)
    title = () if titled else (name, f"{source.gold['title_year'] + delta}年政府信息公开工作年度报告")
    report = replace(gold_report(source.gold), agency=name, year=year)
    return Document(title, head, _paragraphs(body[end.start():]), report)


@cache
def _lays_out(source: Source) -> bool:
    return document(source, {}, source.gold["report_year"]) is not None


def _docx(doc: Document) -> bytes:
    word = docx.Document()
    for line in (*doc.title, *doc.head):
        word.add_paragraph(line)
    for heading, rows in table_spans(doc.report):
        word.add_paragraph(heading)
        add_docx_table(word, rows)
    for line in doc.tail:
        word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@cache
def _docx_of(source: Source) -> bytes:
    """The source's own DOCX, rendered once per process: python-docx takes ~150 ms a document."""
    return _docx(document(source, {}, source.gold["report_year"]))


def _dressed_docx(raw: bytes, names: dict[str, str], delta: int) -> bytes:
    """The DOCX with its text dressed (each paragraph is one run: a name is never cut), every
    member dated 2000-01-01 (python-docx stamps the time of saving), so the bytes are the same."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = dress(data.decode("utf-8"), names, delta).encode("utf-8")
            dest.writestr(zipfile.ZipInfo(info.filename, (2000, 1, 1, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _pdf(doc: Document) -> bytes:
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=60, bottomMargin=60,
                            invariant=True)
    story: list = [Paragraph(html.escape(line), _TITLE) for line in doc.title]
    story += [Paragraph(html.escape(p), _BODY) for p in doc.head]
    for (heading, rows), labels in zip(table_spans(doc.report), LABEL_WIDTHS):
        story += [PageBreak(), Paragraph(html.escape(heading), _BODY), _table(rows, labels, A4[0] - 100)]
    story += [Paragraph(html.escape(p), _BODY) for p in doc.tail]
    pdf.build(story)
    return out.getvalue()


_HTML_STYLES = [replace(Variation(), application=v.application, cells=v.cells, th=v.th) for v in CATALOGUE.values()]


@cache
def _chrome() -> tuple[Source, str, str]:
    """(the source whose HTML page lends its chrome, the page before its article, the page after)."""
    shell = next(s for s in sources() if s.page)
    page = shell.page
    start = page.index("<div class=TRS_Editor>") + len("<div class=TRS_Editor>")
    end = page.index('<div class="article_attachment"')
    for _ in range(3):                          # the article's </div> and its two wrappers'
        end = page.rindex("</div>", start, end)
    return shell, page[:start], page[end:]


def _html(item: Item, doc: Document, rng: random.Random) -> str:
    """The source's own page, dressed; else its text and tables in the chrome of a real page."""
    delta = item.year - item.source.gold["report_year"]
    if item.source.page:
        return dress(item.source.page, item.names, delta)
    shell, before, after = _chrome()
    names = sorted(expected_names(item.source, item.names), key=len)
    county = next((n for n, level in sorted(agency_places(item.kind, item.q)[0].items(), reverse=True)
                   if level == 3), names[0])
    chrome_names = {max(shell.gold["agency_names"], key=len): names[-1],
                    min(shell.gold["agency_names"], key=len): names[0], shell.places[0][0]: county}
    shift = item.year - shell.gold["report_year"]
    style = rng.choice(_HTML_STYLES)
    para = lambda t: f'<p style="text-indent: 2em; text-align: left;">{html.escape(t)}</p>'   # noqa: E731
    parts = [f"<p style=\"text-align: center;\"><strong>{html.escape(line)}</strong></p>" for line in doc.title]
    parts += [para(p) for p in doc.head]
    for heading, rows in table_spans(doc.report):
        header_rows = 0
        if heading.startswith("三"):
            rows, header_rows = application_spans(doc.report, style.application), 3
        parts += [para(heading), table_html(rows, style, rng, header_rows)]
    parts += [para(p) for p in doc.tail]
    return dress(before, chrome_names, shift) + "".join(parts) + dress(after, chrome_names, shift)


def render_item(item: Item) -> bytes:
    """The file's bytes in the item's format."""
    rng = random.Random(f"render-{item.index}")
    names, delta = item.names, item.year - item.source.gold["report_year"]
    if item.fmt == "docx":
        return _dressed_docx(_docx_of(item.source), names, delta)
    if item.fmt == "txt":
        text = dress(item.source.text, names, delta)
        return text.encode("gb18030" if rng.random() < GB18030_SHARE else "utf-8")
    doc = document(item.source, names, item.year)
    return _pdf(doc) if item.fmt == "pdf" else _html(item, doc, rng).encode("utf-8")


def _write_items(items: list[Item], out: Path) -> int:
    for item in items:
        (out / item.name).write_bytes(render_item(item))
    return len(items)


def write_real_corpus(n: int, out: Path, start: int = 0, workers: int | None = None,
                      formats: dict[str, int] = FORMATS) -> int:
    """Write files start … start+n-1 of the realistic corpus to out/ (the same n, the same bytes);
    `formats` the shares of the formats (default FORMATS, the mix)."""
    out.mkdir(parents=True, exist_ok=True)
    items = plan(start + n, formats=formats)[start:]
    chunks = [items[s:s + CHUNK] for s in range(0, n, CHUNK)]
    if len(chunks) == 1 or workers == 1:
        return sum(_write_items(chunk, out) for chunk in chunks)
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(_write_items, chunks, [out] * len(chunks)))


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} is not a positive number of reports")
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write N benchmark reports: the real reports under invented "
                                 "agencies and years in text, HTML, PDF and DOCX (default), or synthetic ones.")
    ap.add_argument("--n", type=_positive, required=True, help="number of reports to write")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--text-only", action="store_true", help="the real reports as text files only")
    ap.add_argument("--synthetic", action="store_true", help="short synthetic texts (tests/synth.py) instead")
    ap.add_argument("--seed", type=int, default=1, help="synthetic corpus: same seed, same files (default 1)")
    a = ap.parse_args(argv)
    formats = {"txt": 100} if a.text_only else FORMATS
    written = write_corpus(a.n, a.out, a.seed) if a.synthetic else write_real_corpus(a.n, a.out, formats=formats)
    print(f"wrote {written} reports to {a.out}")


if __name__ == "__main__":
    main()
