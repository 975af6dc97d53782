"""Legacy binary Word (.doc; .wps saved in the Word 97 format): every visible gold report, rendered
as a web page and saved as .doc by LibreOffice (tools/make_doc_fixtures.py), parses to its gold
cells; files that cannot be read get a reason that says what to do."""
from __future__ import annotations

import gzip
import random
import struct
from pathlib import Path

import olefile
import pytest

from pipeline.parsing import ParseError, parse_bytes
from pipeline.parsing.formats import doc, sniff

from .conftest import SHARED
from .html_pages import assert_gold_cells, case

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "doc").glob("*.doc.gz"))
SAMPLE = FIXTURES[0]


def _gold_of(fixture: Path) -> tuple[Path, str]:
    group, stem, style = fixture.name.removesuffix(".doc.gz").split("__")
    return SHARED / "gold" / group / f"{stem}.json", style


def test_every_visible_gold_report_has_doc_fixtures():
    golds = {_gold_of(f)[0] for f in FIXTURES}
    assert golds == set((SHARED / "gold").glob("*/*.json"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name.removesuffix(".doc.gz") for f in FIXTURES])
def test_gold_report_saved_as_doc_parses_to_its_gold_cells(fixture):
    """Table 三's labels merged down (vMerge in the row properties), a value cell merged over
    unknown ones, header cells across columns, and the report inside the page's layout tables
    (nested tables, read as text as HTML's are)."""
    path, style = _gold_of(fixture)
    gold, _, rep, blanked = case(path, style)
    raw = gzip.decompress(fixture.read_bytes())
    assert sniff(raw) == "ole"
    got = parse_bytes(raw, "report.doc")
    assert_gold_cells(got, gold, rep, blanked)
    assert got.agency_name == rep.agency and got.report_year == gold["report_year"]


def test_a_wps_file_in_the_word_97_format_reads_as_the_doc():
    raw = gzip.decompress(SAMPLE.read_bytes())
    wps, doc_ = (parse_bytes(raw, name).to_json() for name in ("report.wps", "report.doc"))
    assert wps.pop("source") == "report.wps" and doc_.pop("source") == "report.doc"
    assert wps == doc_


def test_field_codes_are_left_out_and_their_results_kept():
    """LibreOffice writes each link as a HYPERLINK field: the code is not text, the link's words are."""
    text = doc.to_text((SHARED / "conv" / "pt_6h_lodoc.doc").read_bytes())
    assert "HYPERLINK" not in text and "INCLUDEPICTURE" not in text
    assert "首页" in text and "\x13" not in text and "\x14" not in text


# ---- files that cannot be read ----------------------------------------------------------------

def _patched(stream: str, offset: int, data: bytes) -> bytes:
    """The sample .doc with bytes of one stream's first sector replaced (the FIB lies there)."""
    raw = bytearray(gzip.decompress(SAMPLE.read_bytes()))
    with olefile.OleFileIO(bytes(raw)) as ole:
        start = (ole.direntries[ole._find(stream)].isectStart + 1) * ole.sectorsize
    raw[start + offset:start + offset + len(data)] = data
    return bytes(raw)


def _renamed(old: str, new: str) -> bytes:
    """The sample .doc with a stream renamed in its directory (as an .xls or an encrypted .docx
    names theirs)."""
    raw = bytearray(gzip.decompress(SAMPLE.read_bytes()))
    at = raw.index(old.encode("utf-16-le") + b"\0\0")
    raw[at:at + 64] = new.encode("utf-16-le").ljust(64, b"\0")
    raw[at + 64:at + 66] = struct.pack("<H", 2 * len(new) + 2)
    return bytes(raw)


def _fib_flags(flags: int) -> bytes:
    raw = gzip.decompress(SAMPLE.read_bytes())
    with olefile.OleFileIO(raw) as ole:
        current = struct.unpack_from("<H", ole.openstream("WordDocument").read(12), 10)[0]
    return _patched("WordDocument", 10, struct.pack("<H", current | flags))


@pytest.mark.parametrize("make, reason, says", [
    (lambda: gzip.decompress(SAMPLE.read_bytes())[:20_000], "corrupt_doc", "save it again"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "corrupt_doc", "damaged OLE container"),
    (lambda: _fib_flags(0x0100), "encrypted_doc", "password"),
    (lambda: _patched("WordDocument", 2, struct.pack("<H", 0x68)), "unsupported_format", "Word 6/95"),
    (lambda: _patched("WordDocument", 0x1A2, struct.pack("<I", 1 << 30)), "corrupt_doc", "piece table"),
    (lambda: _renamed("WordDocument", "Workbook"), "unsupported_format", "Excel workbook"),
    (lambda: _renamed("WordDocument", "EncryptedPackage"), "encrypted_doc", "password"),
], ids=["truncated", "not-ole", "encrypted", "word95", "clx-past-end", "xls", "encrypted-ooxml"])
def test_unreadable_doc_files_raise_a_reasoned_error(make, reason, says):
    with pytest.raises(ParseError) as exc:
        parse_bytes(make(), "report.doc")
    assert exc.value.reason == reason and says in exc.value.detail


def test_damaged_doc_files_give_text_or_a_parse_error():
    """Bytes flipped anywhere in the WordDocument and table streams: never another exception."""
    raw = gzip.decompress(SAMPLE.read_bytes())
    with olefile.OleFileIO(raw) as ole:
        sectors = [(ole.direntries[ole._find(s)].isectStart + 1) * ole.sectorsize for s in ("WordDocument", "1Table")]
    rng = random.Random(3)
    for _ in range(60):
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.choice(sectors) + rng.randrange(512)] = rng.randrange(256)
        try:
            doc.to_text(bytes(damaged))
        except ParseError as exc:
            assert exc.reason in ("corrupt_doc", "unsupported_format", "encrypted_doc", "too_complex")


def test_a_table_whose_cell_edges_lay_out_a_huge_grid_is_refused():
    """Row properties may set each row's cell edges anywhere in ±32767 twips: 2,000 rows of two
    cells whose middle edge moves lay out 2,000 x 2,000 grid positions."""
    rows = [doc._Row(["a", "1"], [-32768, i, 32767]) for i in range(-1000, 1000)]
    with pytest.raises(ParseError) as exc:
        doc._grid(rows)
    assert exc.value.reason == "too_complex"


def test_merged_cells_are_laid_out_as_docx_lays_them_out():
    """A row's cell edges place its cells on the table's columns (a label over two columns spans
    them); a cell merged into the one above is covered under a label and blank under a value;
    one merged into the cell before it is covered."""
    rows = [doc._Row(["(四)无法提供", "1.本机关", "5", "0"], [0, 100, 300, 400, 500]),
            doc._Row(["", "2.没有现成", "", "0"], [0, 100, 300, 400, 500], ["up", "", "up", ""]),
            doc._Row(["(七)总计", "", "6", "0"], [0, 100, 300, 400, 500], ["", "left", "", ""]),
            doc._Row(["四、结转下年度继续办理", "0", "0"], [0, 300, 400, 500])]
    assert doc._grid(rows) == [["(四)无法提供", "1.本机关", "5", "0"], [None, "2.没有现成", "", "0"],
                               ["(七)总计", None, "6", "0"], ["四、结转下年度继续办理", None, "0", "0"]]
