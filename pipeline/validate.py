"""The validate step: the contracts (pipeline/contracts.py) over a parsed stage, a group of parts
at a time in the process pool, into the validated stage the load reads."""
from __future__ import annotations

import os
from collections.abc import Callable

import polars as pl

from .contracts import VIOLATION_SCHEMA, validate_batch
from .pool import pool_map
from .stage import Stage

VALIDATE_PARTS = 16     # parsed parts (of parse.PART_FILES files) validated together


def _validate_group(args: tuple[Stage, list[str], Stage, str]) -> pl.DataFrame:
    parsed, parts, validated, name = args
    batch, violations = validate_batch(parsed.read(parts))
    validated.write(name, batch)
    return violations


def validate_stage(parsed: Stage, validated: Stage, workers: int | None = None,
                   progress: Callable[[int], None] | None = None, prefix: str = "") -> pl.DataFrame:
    """Run the contracts over the parsed parts, a group at a time (pandera's fixed cost per call
    is paid once per group, memory stays one group), into `validated`, naming the parts
    `<prefix><n>` (a bucket of a backfill shares one validated stage). Returns the violations."""
    parts = parsed.parts()
    groups = [parts[i:i + VALIDATE_PARTS] for i in range(0, len(parts), VALIDATE_PARTS)]
    tasks = [(parsed, group, validated, f"{prefix}{n:06d}") for n, group in enumerate(groups)]
    found = []
    for group, violations in zip(groups, pool_map(_validate_group, tasks, workers or os.cpu_count() or 1)):
        found.append(violations)
        if progress:
            progress(len(group))
    return pl.concat(found) if found else pl.DataFrame(schema=VIOLATION_SCHEMA)
