"""`ogi ingest`: materialize the asset graph in-process and summarise what it did.

A nightly run usually finds nothing new. Importing and starting Dagster costs seconds, so the
first step of the graph (scan the raw directory against the warehouse's file index, the same
functions the raw_report_files asset calls) runs first, and the graph is materialized only when
some file is new or changed, handing that scan to the asset instead of listing the files again.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import default_review_dir
from pipeline.names import printable
from pipeline.pool import start_workers_early
from pipeline.scan import has_changes, scan_work
from pipeline.stage import Stage
from pipeline.warehouse import LoadSummary
from pipeline.warehouse.publish import wait_until_readable
from pipeline.warehouse.raw_source import check_raw_dir
from pipeline.warehouse.review import describe_outcomes

MAX_NOTES = 30


@dataclass
class IngestOutcome:
    summary: LoadSummary | None
    checks: dict[str, str] = field(default_factory=dict)    # name -> passed | warning | FAILED
    why: dict[str, str] = field(default_factory=dict)       # check name -> what it found, when it says (metadata "why")
    error: str | None = None
    step_seconds: dict[str, float] = field(default_factory=dict)   # asset step -> wall time

    def describe(self) -> str:
        s = self.summary
        lines = [f"this run: files seen {s.files_seen}: loaded {s.loaded}, unchanged {s.unchanged}, "
                 f"duplicates {s.duplicates}, superseded {s.superseded}, quarantined {s.quarantined}; "
                 + (f"editions: merged {s.merged}, conflicting {s.conflicting}; " if s.merged or s.conflicting else "")
                 + f"of the reports loaded, flagged {s.flagged}; continuity breaks found {s.continuity}"
                 + (f"; removed {s.removed}" if s.removed else "")
                 + (f"; OCR read {s.ocr_pages} scan pages in {s.ocr_seconds:.0f} CPU-s" if s.ocr_pages else "")
                 + (f"; re-parsed {s.reparsed} read by an older parser ({s.reparse_changed} changed, "
                    f"{s.retracted} now quarantined)" if s.reparsed or s.retracted else "")
                 + ("" if s.published else " (nothing to write: warehouse untouched)")]
        if s.published:
            lines.append(f"warehouse now: current reports {s.warehouse_current}, flagged {s.warehouse_flagged}, "
                         f"continuity breaks {s.warehouse_continuity}, quarantined files {s.warehouse_quarantined}"
                         + (f", read from several files {s.warehouse_multi_file}, conflicting editions "
                            f"{s.warehouse_conflicting}" if s.warehouse_multi_file or s.warehouse_conflicting else "")
                         + " (ogi status lists them)")
        if s.review:
            lines.append(f"  review decisions: {describe_outcomes(s.review)}")
        lines += [f"  {printable(note)}" for note in s.notes[:MAX_NOTES]]
        if len(s.notes) > MAX_NOTES:
            lines.append(f"  … {len(s.notes) - MAX_NOTES} more (ogi status, or the report_issue, quarantine and review_decision tables)")
        lines += [f"  check {name}: {outcome}" + (f": {printable(self.why[name])}" if name in self.why else "")
                  for name, outcome in sorted(self.checks.items())]
        if self.step_seconds:
            lines.append("  steps: " + ", ".join(f"{step} {sec:.1f} s" for step, sec in self.step_seconds.items()))
        return "\n".join(lines)


def run_ingest(raw_dir: Path, warehouse: Path, wait_seconds: float = 600,
               say: Callable[[str], None] = lambda _: None, review_dir: Path | None = None,
               repoint: bool = False) -> IngestOutcome:
    """`say` hears what the run is doing before the progress bars start (listing, starting Dagster).
    review_dir: the review decisions [default: $OGI_REVIEW_DIR or data/review]. repoint: fill the
    warehouse from raw_dir although it remembers another directory (else OtherRawDirectory)."""
    review_dir = review_dir or default_review_dir()
    wait_until_readable(warehouse, wait_seconds, say)
    if not repoint:
        check_raw_dir(warehouse, raw_dir)
    say(f"scanning {raw_dir} …")
    work = scan_work(raw_dir, warehouse)
    if not has_changes(work, warehouse, review_dir) and not repoint:
        return IngestOutcome(LoadSummary(files_seen=work.height, unchanged=work.height))
    say(f"{int(work['to_parse'].sum())} of {work.height} files to parse; starting the asset graph …")
    start_workers_early()
    scan_stage = Stage.create(warehouse, "scan")
    work.write_parquet(scan_stage.directory / "files.parquet")
    try:
        return _materialize(raw_dir, warehouse, wait_seconds, scan_stage.directory / "files.parquet", review_dir,
                            repoint)
    finally:
        shutil.rmtree(scan_stage.directory.parent, ignore_errors=True)


def _materialize(raw_dir: Path, warehouse: Path, wait_seconds: float, prescanned: Path,
                 review_dir: Path | None = None, repoint: bool = False) -> IngestOutcome:
    from dagster import AssetCheckSeverity, DagsterInstance, materialize, mem_io_manager

    from .definitions import ASSET_CHECKS, ASSETS, resources

    result = materialize(
        # not the analyst assets (the Parquet copy, the report pages): rewriting the whole copy each
        # night tripled a 1 % incremental run on 100k reports and its memory (ogi export does it)
        [*ASSETS, *ASSET_CHECKS],
        resources={**resources(str(raw_dir), str(warehouse), wait_seconds, str(review_dir or ""), repoint),
                   "io_manager": mem_io_manager},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
                    "ops": {"raw_report_files": {"config": {"prescanned": str(prescanned)}}}},
    )
    if not result.success:
        if _interrupted(result):
            raise KeyboardInterrupt
        return IngestOutcome(None, error="; ".join(_failure_causes(result)) or "the run failed")
    evaluations = result.get_asset_check_evaluations()
    checks = {e.check_name: "passed" if e.passed else ("warning" if e.severity == AssetCheckSeverity.WARN else "FAILED")
              for e in evaluations}
    why = {e.check_name: e.metadata["why"].value for e in evaluations if not e.passed and "why" in e.metadata}
    assets = {a.key.to_user_string() for a in ASSETS}
    steps = {e.step_key: e.event_specific_data.duration_ms / 1000 for e in result.all_events
             if e.is_step_success and e.step_key in assets}
    return IngestOutcome(_summary(result), checks, why, step_seconds=steps)


def _summary(result) -> LoadSummary:
    """The warehouse asset's summary, read back from its materialization metadata."""
    metadata = result.asset_materializations_for_node("warehouse")[0].metadata
    fields = {name: metadata[name].value for name in LoadSummary().as_dict()}
    return LoadSummary(**fields, notes=list(metadata["notes"].value))


def _interrupted(result) -> bool:
    """Ctrl-C during the run: Dagster turns it into a failed step, DagsterExecutionInterruptedError."""
    return any(event.step_failure_data.error.cls_name in ("DagsterExecutionInterruptedError", "KeyboardInterrupt")
               for event in result.all_events if event.is_step_failure)


def _failure_causes(result) -> list[str]:
    """The user's exception messages of the failed steps, without Dagster's wrapping."""
    causes = []
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error.cause is not None:
                error = error.cause
            message = re.sub(r"^[\w.]+: ", "", error.message.strip())    # drop the exception's class path
            causes.append(f"{event.step_key}: {message}")
    return causes
