"""The `ogi` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.config import REPO_ROOT, default_raw_dir, default_warehouse
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
        lines.append(f"  [{flag.severity}] {flag.rule}: {flag.detail}")
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

    Exits 1 when any file could not be parsed; the reason is printed for each.
    """
    failed = 0
    for path in _expand(files):
        try:
            report = parse_bytes(path.read_bytes(), path.name)
        except (ParseError, OSError) as exc:
            failed += 1
            reason, detail = (exc.reason, exc.detail) if isinstance(exc, ParseError) else ("unreadable", str(exc))
            if as_json:
                click.echo(json.dumps({"source": path.name, "error": reason, "detail": detail}, ensure_ascii=False))
            else:
                click.echo(f"{path}: not parsed ({reason}): {detail}", err=True)
            continue
        click.echo(json.dumps(report.to_json(), ensure_ascii=False) if as_json else _summary(report))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--raw-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of raw reports [default: $OGI_RAW_DIR or data/raw].")
@click.option("--warehouse", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DuckDB file to publish [default: $OGI_WAREHOUSE or data/warehouse/ogi.duckdb].")
@click.option("--wait", "wait_seconds", type=float, default=600, show_default=True,
              help="Seconds to wait for another ingest to finish writing before giving up.")
def ingest(raw_dir: Path | None, warehouse: Path | None, wait_seconds: float) -> None:
    """Scan the raw directory, parse new or changed reports, validate them and load the warehouse.

    Runs the Dagster asset graph in-process (the same assets `ogi ui` shows). Re-running on
    unchanged files is a no-op. Exits non-zero only when the run itself failed, not because some
    inputs were quarantined.
    """
    from .run import run_ingest  # Dagster is slow to import: only the commands that need it pay

    raw_dir = raw_dir or default_raw_dir()
    warehouse = warehouse or default_warehouse()
    if not raw_dir.is_dir():
        raise click.UsageError(f"raw directory {raw_dir} does not exist")
    outcome = run_ingest(raw_dir, warehouse, wait_seconds, say=lambda msg: click.echo(msg, err=True))
    if outcome.error:
        click.echo(f"ingest failed: {outcome.error}", err=True)
        sys.exit(2)
    click.echo(outcome.describe())


@main.command()
def ui() -> None:
    """Start the Dagster UI (dagster dev) on this project's asset graph."""
    import os

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
    """What the warehouse holds: reports per year (current, superseded, flagged) and quarantine reasons."""
    import duckdb

    from pipeline.warehouse.status import status_report

    warehouse = warehouse or default_warehouse()
    if not warehouse.exists():
        raise click.UsageError(f"no warehouse at {warehouse}: run `ogi ingest` first")
    try:
        click.echo(status_report(warehouse))
    except duckdb.Error as exc:
        raise click.ClickException(f"{warehouse} is not a readable warehouse: {exc}") from None
