"""The `ogi` command line."""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import click

from pipeline.config import REPO_ROOT, default_raw_dir, default_warehouse
from pipeline.names import printable, stored_name
from pipeline.parsing import ParsedReport, ParseError, parse_bytes


def _summary(report: ParsedReport) -> str:
    app = report.application
    total = lambda row: (app.get(row) or {}).get("total")   # noqa: E731
    cells = sum(1 for sec in (report.application, report.review_litigation) for row in sec.values()
                for v in row.values() if v is not None)
    lines = [
        f"{report.source}",
        f"  agency {report.agency_name or '?'} ({report.admin_level}), year {report.report_year}"
        f" (title {report.title_year}), template {report.template_version}",
        f"  applications: received {total('received_new')}, carried over {total('carried_over')}, "
        f"answered {total('outcome_total')}, carried forward {total('carried_forward')}; "
        f"{cells} cells read in sections 三/四",
    ]
    for flag in report.issues:
        lines.append(printable(f"  [{flag.severity}] {flag.rule}: {flag.detail}"))
    return "\n".join(lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Open-government-information annual reports (政府信息公开工作年度报告) -> DuckDB warehouse."""


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a directory stands for the files under it (hidden ones skipped), sorted."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return found


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per file (JSON Lines), keys as in shared/gold/FORMAT.md.")
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse report FILES (a directory: every file under it) and print what was read (no warehouse involved).

    With --json each object also carries the report_id and agency_id the warehouse would give the
    file, to join with it. Exits 1 when any file could not be parsed; the reason is printed for each.
    """
    from pipeline.parse import report_identity  # polars and the pool: only this command pays

    failed = 0
    for path in _expand(files):
        try:
            raw = path.read_bytes()
            report = parse_bytes(raw, stored_name(path.name))
        except (ParseError, OSError) as exc:
            failed += 1
            reason, detail = (exc.reason, exc.detail) if isinstance(exc, ParseError) else ("unreadable", str(exc))
            if as_json:
                click.echo(json.dumps({"source": stored_name(path.name), "error": reason, "detail": detail}, ensure_ascii=False))
            else:
                click.echo(printable(f"{path}: not parsed ({reason}): {detail}"), err=True)
            continue
        if as_json:
            report_id, _, agency_id = report_identity(report, hashlib.sha256(raw).hexdigest())
            click.echo(json.dumps({"report_id": report_id, "agency_id": agency_id, **report.to_json()}, ensure_ascii=False))
        else:
            click.echo(_summary(report))
    sys.exit(1 if failed else 0)


RAW_DIR_OPTION = click.option("--raw-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                              help="Directory of raw reports [default: $OGI_RAW_DIR or data/raw]; must be the "
                                   "one the warehouse is filled from.")
WAREHOUSE_OPTION = click.option("--warehouse", type=click.Path(dir_okay=False, path_type=Path), default=None,
                                help="DuckDB file [default: $OGI_WAREHOUSE or data/warehouse/ogi.duckdb].")


@main.command()
@RAW_DIR_OPTION
@click.option("--new-raw-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Fill the warehouse from this directory from now on, instead of the one it remembers "
                   "(its files not here are marked removed).")
@WAREHOUSE_OPTION
@click.option("--review-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of review decision files, *.csv [default: $OGI_REVIEW_DIR or data/review].")
@click.option("--wait", "wait_seconds", type=float, default=600, show_default=True,
              help="Seconds to wait for another ingest to finish writing before giving up.")
def ingest(raw_dir: Path | None, new_raw_dir: Path | None, warehouse: Path | None, review_dir: Path | None,
           wait_seconds: float) -> None:
    """Scan the raw directory, parse new or changed reports, validate them, load the warehouse and
    apply the review decisions.

    Runs the Dagster asset graph in-process (the same assets `ogi ui` shows). Re-running on
    unchanged files (raw and review) is a no-op. Exits non-zero only when the run itself failed, not
    because some inputs were quarantined or some review lines are malformed.
    """
    import duckdb

    from pipeline.warehouse.publish import WarehouseBusy
    from pipeline.warehouse.raw_source import OtherRawDirectory

    from .run import IngestOutcome, run_ingest  # Dagster is slow to import: only the commands that need it pay

    if raw_dir and new_raw_dir:
        raise click.UsageError("give --raw-dir or --new-raw-dir, not both")
    raw_dir = new_raw_dir or raw_dir or default_raw_dir()
    warehouse = warehouse or default_warehouse()
    if not raw_dir.is_dir():
        raise click.UsageError(f"raw directory {raw_dir} does not exist")
    before = _identity(warehouse)
    try:
        outcome = run_ingest(raw_dir, warehouse, wait_seconds, say=lambda msg: click.echo(msg, err=True),
                             review_dir=review_dir, repoint=new_raw_dir is not None)
    except (OtherRawDirectory, WarehouseBusy) as exc:
        outcome = IngestOutcome(None, error=str(exc))
    except KeyboardInterrupt:
        published = "the warehouse was published" if _identity(warehouse) != before else "nothing was published"
        click.echo(f"interrupted; {published}", err=True)
        sys.exit(130)
    except duckdb.Error as exc:       # the scan reads the published file first: garbage, or not a warehouse
        outcome = IngestOutcome(None, error=f"{warehouse} is not a readable warehouse: {exc}")
    except OSError as exc:            # e.g. a directory it may not write in (the run's stage, the lock)
        outcome = IngestOutcome(None, error=str(exc))
    if outcome.error:
        click.echo(f"ingest failed: {printable(outcome.error)}", err=True)
        sys.exit(2)
    click.echo(outcome.describe())


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at path (a publish renames a new one there): to tell, after a Ctrl-C, whether
    the run got as far as publishing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


@main.command()
@RAW_DIR_OPTION
@WAREHOUSE_OPTION
def ui(raw_dir: Path | None, warehouse: Path | None) -> None:
    """Start the Dagster UI (dagster dev) on this project's asset graph, at http://127.0.0.1:3000.

    Its runs, the nightly schedule and the raw-files sensor (on while the UI runs) read RAW_DIR and
    publish WAREHOUSE (handed to the code location as $OGI_RAW_DIR and $OGI_WAREHOUSE).
    """
    import os

    import duckdb

    from pipeline.warehouse.raw_source import OtherRawDirectory, check_raw_dir

    raw_dir, warehouse = (raw_dir or default_raw_dir()).resolve(), (warehouse or default_warehouse()).resolve()
    try:
        check_raw_dir(warehouse, raw_dir)
    except OtherRawDirectory as exc:
        raise click.ClickException(str(exc)) from None
    except duckdb.Error as exc:
        raise click.ClickException(f"{warehouse} is not a readable warehouse: {exc}") from None
    os.environ["OGI_RAW_DIR"], os.environ["OGI_WAREHOUSE"] = str(raw_dir), str(warehouse)
    home = REPO_ROOT / ".dagster_home"
    home.mkdir(exist_ok=True)
    packaged = Path(__file__).with_name("dagster.yaml")      # a wheel carries it beside this module
    (home / "dagster.yaml").write_text((packaged if packaged.exists() else REPO_ROOT / "dagster.yaml").read_text())
    os.environ.setdefault("DAGSTER_HOME", str(home))
    # the project's own environment, whatever PATH says (a fresh clone has no dagster on PATH)
    dagster = Path(sys.executable).with_name("dagster")
    os.execv(dagster, [str(dagster), "dev", "-m", "assets.definitions"])


@main.command()
@click.option("--warehouse", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DuckDB file [default: $OGI_WAREHOUSE or data/warehouse/ogi.duckdb].")
def status(warehouse: Path | None) -> None:
    """What the warehouse holds: reports per year (current, superseded, flagged), quarantine reasons
    and review decisions (by outcome, and the ones that no longer apply)."""
    import duckdb

    from pipeline.warehouse.status import status_report

    warehouse = warehouse or default_warehouse()
    if not warehouse.exists():
        raise click.UsageError(f"no warehouse at {warehouse}: run `ogi ingest` first")
    try:
        click.echo(status_report(warehouse))
    except duckdb.Error as exc:
        raise click.ClickException(f"{warehouse} is not a readable warehouse: {exc}") from None


@main.command()
@click.argument("report")
@click.argument("cell")
@RAW_DIR_OPTION
@WAREHOUSE_OPTION
def explain(report: str, cell: str, raw_dir: Path | None, warehouse: Path | None) -> None:
    """Where a number came from: REPORT's value for CELL (TABLE/ROW/COLUMN, e.g.
    application/received_new/natural_person) and, for each file the report was read from, the
    line (a table row: its cell) that states it, with the text as written there."""
    from pipeline.warehouse.explain import ExplainError, explain_cell
    from pipeline.warehouse.raw_source import remembered_raw_dir

    warehouse = warehouse or default_warehouse()
    raw = raw_dir or Path(remembered_raw_dir(warehouse) or default_raw_dir())
    try:
        click.echo(explain_cell(warehouse, raw, report, cell))
    except ExplainError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "sql_file", type=click.File("rb"), default=None,
              help="Run the statements of this SQL file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output: an aligned table, CSV with a header, or JSON Lines (one object per row).")
@WAREHOUSE_OPTION
def sql(query: str | None, sql_file, fmt: str, warehouse: Path | None) -> None:
    """Read-only SQL on the published warehouse, with the warehouse's own DuckDB version.

    `ogi sql "SELECT …"`, `ogi sql -f query.sql` or `ogi sql < query.sql` runs once and exits
    (exit 1 on an error); `ogi sql` alone on a terminal opens a prompt (.help there). Every query
    sees the warehouse as published at that moment: a load that finishes meanwhile shows in the
    next query. No writes, no file access (ogi export writes files).
    """
    from pipeline.warehouse.console import ConsoleError, render, repl, rows_for, run_sql

    warehouse = warehouse or default_warehouse()
    if query is not None and sql_file is not None:
        raise click.UsageError("give a QUERY or -f FILE, not both")
    if sql_file is not None:
        text = _utf8(sql_file.read(), sql_file.name)
    elif query is not None:
        text = _utf8(query.encode("utf-8", "surrogateescape"), "the query")
    elif not sys.stdin.isatty():               # statements piped in: run them once, no prompt
        text = _utf8(sys.stdin.buffer.read(), "standard input")
    else:
        text = None
    try:
        if text is None:
            _prompt(warehouse, fmt, repl)
        else:
            click.echo("\n\n".join(render(result, fmt) for result in run_sql(warehouse, text, rows_for(fmt))))
    except ConsoleError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:                  # Ctrl-C before the query started
        raise click.ClickException("interrupted") from None


def _utf8(raw: bytes, where: str) -> str:
    """SQL text as UTF-8 (a BOM is dropped), or one line saying where it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{where} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
                                   f"{exc.start}): save it as UTF-8") from None


def _prompt(warehouse: Path, fmt: str, repl) -> None:
    """The interactive prompt, with line editing and a history file when the terminal has readline."""
    from pipeline.warehouse.console import open_snapshot

    open_snapshot(warehouse).close()           # a missing or unreadable file: say so before prompting
    try:
        import readline
    except ImportError:                        # not on every platform; the prompt works without it
        readline = None
    history = Path.home() / ".ogi_sql_history"
    if readline is not None and history.exists():
        readline.read_history_file(history)
    click.echo(f"{warehouse} (read-only). Statements end with ';'. .help for commands, Ctrl-D to leave.", err=True)
    try:
        repl(warehouse, fmt, input, click.echo)
    finally:
        if readline is not None:
            readline.write_history_file(history)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output directory.")
@click.option("--only", "names", multiple=True, metavar="NAME",
              help="A table or view to export (repeatable) [default: the star schema: dimensions, facts, "
                   "report_issue, agency_alias, review_decision].")
@click.option("--format", "formats", type=click.Choice(["parquet", "csv"]), multiple=True,
              help="Repeatable [default: both].")
@WAREHOUSE_OPTION
def export(out: Path, names: tuple[str, ...], formats: tuple[str, ...], warehouse: Path | None) -> None:
    """Write tables or views of the warehouse as Parquet and CSV files (NAME.parquet, NAME.csv) into
    OUT, with columns.csv giving every column's type and comment. One snapshot for all files."""
    from pipeline.warehouse.console import ConsoleError
    from pipeline.warehouse.export import FORMATS, STAR_SCHEMA
    from pipeline.warehouse.export import export as write_files

    try:
        files = write_files(warehouse or default_warehouse(), out, names or STAR_SCHEMA, formats or FORMATS)
    except ConsoleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {len(files)} files to {out}")


@main.command()
@click.option("--agency", "agency_id", metavar="ID", help="An agency_id (see v_agency).")
@click.option("--region", metavar="NAME", help="A province, prefecture or county name (江苏省, 淮安市, 洪泽区), "
              "or a path (江苏省/淮安市) when a name is several places.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@WAREHOUSE_OPTION
def report(agency_id: str | None, region: str | None, out: Path, warehouse: Path | None) -> None:
    """Write a self-contained HTML report (charts over the years, flags, peers) for one agency or region.

    The file embeds its charts' library (~5 MB) and opens offline in any browser, alone; the
    agency_reports asset writes a folder of pages that share one plotly.min.js instead.
    """
    from pipeline.report import ConsoleError, report_html

    if (agency_id is None) == (region is None):
        raise click.UsageError("give --agency ID or --region NAME")
    try:
        html = report_html(warehouse or default_warehouse(), agency_id=agency_id, region=region)
    except ConsoleError as exc:
        raise click.ClickException(str(exc)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote {out} ({len(html) // 1024} KiB)")
