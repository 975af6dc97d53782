"""`ogi ingest`: materialize the asset graph in-process and summarise what it did."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dagster import DagsterInstance, materialize, mem_io_manager

from .definitions import ASSET_CHECKS, ASSETS, resources
from .warehouse import LoadSummary


@dataclass
class IngestOutcome:
    summary: LoadSummary | None
    checks: dict[str, bool] = field(default_factory=dict)
    error: str | None = None

    def describe(self) -> str:
        s = self.summary
        lines = [f"files seen {s.files_seen}: loaded {s.loaded}, unchanged {s.unchanged}, duplicates {s.duplicates}, "
                 f"superseded {s.superseded}, quarantined {s.quarantined}, flagged {s.flagged}"
                 + ("" if s.published else " (nothing to write: warehouse untouched)")]
        for name, passed in sorted(self.checks.items()):
            lines.append(f"  check {name}: {'passed' if passed else 'FAILED'}")
        return "\n".join(lines)


def run_ingest(raw_dir: Path, warehouse: Path) -> IngestOutcome:
    result = materialize(
        [*ASSETS, *ASSET_CHECKS],
        resources={**resources(str(raw_dir), str(warehouse)), "io_manager": mem_io_manager},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    if not result.success:
        failures = [e.message for e in result.all_events if e.is_failure]
        return IngestOutcome(None, error="; ".join(failures) or "the run failed")
    checks = {e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data.passed
              for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"}
    return IngestOutcome(result.output_for_node("warehouse"), checks)
