"""The `ogi` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .parsing import ParseError, ParsedReport, parse_bytes


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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per file (JSON Lines), keys as in shared/gold/FORMAT.md.")
def parse(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse report FILES and print what was read (no warehouse involved).

    Exits 1 when any file could not be parsed; the reason is printed for each.
    """
    failed = 0
    for path in files:
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
