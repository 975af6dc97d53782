"""The hostile corpus (issue 22) through the real `ogi ingest`, beside the bundled sample reports.

One file per hostile class of tests/hostile.py, most refused by the readers' caps (`too_complex`),
and one that no reader refuses: 40,000 small HTML tables (16 MiB; read in linear but long time,
about a minute), stopped by the per-file time budget. OGI_PARSE_TIMEOUT=15 is four times the
slowest refusal here on a machine loaded five times over (the path bomb, 3.9 s), so the clock
stops no file that a reader refuses. A report followed by 120,000 blank lines loads: the
tokenizer was quadratic in them (80,000 took 70 s). Issue 24's files, each refused by a reader's
cap or read in bounded work, were a parser_error (no pages, a 1 pt page), read as something else
(a scan under spaces, an RTF, a sector loop: not_a_report), or stopped by the budget (a 300-page
scan, a 14,400 pt page: 7 GB, 20,000 pages, 10 M paragraphs). The run is capped in memory (`prlimit --as`, where
there is one) so that a budget that failed costs this test, not the machine.
If a reader learns to refuse the many tables, give the budget another input no reader refuses.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").iterdir())
DOC = gzip.decompress(next((ROOT / "tests" / "fixtures" / "doc").glob("*.doc.gz")).read_bytes())
OGI = [sys.executable, "-c", "from assets.cli import main; main()"]
MEMORY_CAP = 4 << 30          # address space of each process: a worker's polars arenas reserve ~2.4 GB


def _corpus(raw: Path) -> dict[str, str]:
    """Writes the hostile files; returns each one's expected outcome (a quarantine reason, or loaded)."""
    report = SEEDS[0].read_text(encoding="utf-8")
    files = {
        "grid span.docx": (hostile.docx_grid_span(), "too_complex"),
        "inflation.docx": (hostile.docx_inflation(80 << 20), "too_complex"),
        "span area.html": (hostile.html_span_area().encode(), "too_complex"),
        "self form.pdf": (hostile.pdf_self_form(), "too_complex"),
        "cyclic forms.pdf": (hostile.pdf_cyclic_forms(), "too_complex"),
        "ruled grid.pdf": (hostile.pdf_ruled_grid(), "too_complex"),
        "many paths.pdf": (hostile.pdf_many_paths(), "too_complex"),
        "long narrative.txt": ((report.replace("卫辉市", "长句市") + hostile.narrative_repeat()).encode(), "loaded"),
        "blank lines.txt": ((report.replace("卫辉市", "空行市") + "\n" * 120_000).encode(), "loaded"),
        "many tables.html": (hostile.html_many_tables().encode(), "over_time_limit"),
        # issue 24: the PDF, OCR, .doc and DOCX readers
        "many chars.pdf": (hostile.pdf_many_chars(), "too_complex"),
        "content bomb.pdf": (hostile.pdf_content_bomb(), "too_complex"),
        "many pages.pdf": (hostile.pdf_pages(), "too_many_pages"),
        "no pages.pdf": (hostile.pdf_no_pages(), "corrupt_pdf"),
        "encrypted.pdf": (hostile.pdf_encrypted(), "encrypted_pdf"),
        "spaces over a scan.pdf": (hostile.pdf_scan(spaces=60), "ocr_no_text"),
        "long scan.pdf": (hostile.pdf_scan(pages=300, ink=0), "too_many_pages"),
        "huge page scan.pdf": (hostile.pdf_scan(size=(14400, 14400)), "ocr_no_text"),
        "tiny page scan.pdf": (hostile.pdf_scan(size=(1, 1), ink=0), "ocr_no_text"),
        "sector loop.doc": (hostile.doc_fat_loop(DOC), "corrupt_doc"),
        "rtf.doc": (hostile.rtf_named_doc(), "unsupported_format"),
        "laughs.docx": (hostile.docx_laughs(), "too_complex"),
        "nested.docx": (hostile.docx_nested(), "too_complex"),
        "paragraphs.docx": (hostile.docx_inflation(60 << 20), "too_complex"),
        "zip version.docx": (hostile.docx_zip_version(), "corrupt_docx"),
        "damaged title.pdf": (hostile.pdf_damaged_title(), "not_a_report"),
    }
    for name, (data, _) in files.items():
        (raw / name).write_bytes(data)
    return {name: outcome for name, (_, outcome) in files.items()}


def test_a_hostile_corpus_is_accounted_for_and_the_reports_beside_it_load(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    expected = _corpus(raw) | {seed.name: "loaded" for seed in SEEDS}
    cap = ["prlimit", f"--as={MEMORY_CAP}"] if shutil.which("prlimit") else []
    env = os.environ | {"OGI_PARSE_TIMEOUT": "15", "OGI_PARSE_MEMORY": "1G"}
    done = subprocess.run([*cap, *OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=240)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = {name: "loaded" for (name,) in con.sql("SELECT source_file FROM dim_report").fetchall()}
        quarantined = dict(con.sql("SELECT source_file, reason FROM quarantine").fetchall())
        details = con.sql("SELECT detail FROM quarantine WHERE reason = 'over_time_limit'").fetchall()
    assert loaded | quarantined == expected
    assert "OGI_PARSE_TIMEOUT=15" in details[0][0]
