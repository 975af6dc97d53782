"""Frames on disk between the steps of a run: ``<stage>/<table>/<part>.parquet``.

Handing 100k reports' frames from step to step in memory held 17M fact rows several times over.
On disk, the parse workers write their own parts, validation streams group by group, and DuckDB
loads straight from Parquet, so memory stays bounded by one part whatever the run's size. It is
also the layout the bucket runs of a backfill exchange (pipeline/backfill.py; docs/performance.md, Scaling).
"""
from __future__ import annotations

import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .frames import SCHEMAS, Batch, empty_frame

STAGE_DIR = ".staging"            # beside the warehouse file, so on the same disk
STALE_SECONDS = 24 * 3600         # a crashed run's stage is removed by a later run after this


@dataclass(frozen=True)
class Stage:
    directory: Path

    @classmethod
    def create(cls, warehouse: Path, step: str) -> Stage:
        """A new, empty stage for one step of one run, after clearing stale ones."""
        root = warehouse.parent / STAGE_DIR
        remove_stale(root)
        run = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        directory = root / run / step
        directory.mkdir(parents=True)
        return cls(directory)

    def sibling(self, step: str) -> Stage:
        """The (new, empty) stage of another step of the same run."""
        directory = self.directory.parent / step
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        return Stage(directory)

    @classmethod
    def at(cls, directory: Path) -> Stage:
        """A stage at a fixed place (a backfill's, found by every run of it), created if absent."""
        directory.mkdir(parents=True, exist_ok=True)
        return cls(directory)

    def remove_parts(self, prefix: str) -> None:
        """Drop the parts whose name starts with `prefix`: a bucket re-run replaces its own parts."""
        for table in SCHEMAS:
            for path in self.files(table):
                if path.stem.startswith(prefix):
                    path.unlink()

    def write(self, part: str, batch: Batch) -> None:
        for table, frame in batch.frames().items():
            if frame.height:
                path = self.directory / table / f"{part}.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                frame.write_parquet(path, compression="lz4", statistics=False)

    def files(self, table: str) -> list[Path]:
        return sorted((self.directory / table).glob("*.parquet"))

    def parts(self) -> list[str]:
        return sorted({p.stem for table in SCHEMAS for p in self.files(table)})

    def read(self, parts: list[str]) -> Batch:
        """The named parts' frames, concatenated."""
        frames = {}
        for table in SCHEMAS:
            paths = [self.directory / table / f"{part}.parquet" for part in parts]
            paths = [p for p in paths if p.exists()]
            frames[table] = pl.read_parquet(paths) if paths else empty_frame(table)
        return Batch(**frames)

    def scan(self, table: str) -> pl.LazyFrame:
        files = self.files(table)
        return pl.scan_parquet(files) if files else empty_frame(table).lazy()

    def count(self, table: str) -> int:
        return self.scan(table).select(pl.len()).collect().item()

    def collect(self) -> Batch:
        """Every part in memory: for tests and the benchmark, never for a whole national run."""
        return self.read(self.parts())


def remove_stale(root: Path, max_age: float = STALE_SECONDS) -> None:
    if not root.is_dir():
        return
    cutoff = time.time() - max_age
    for run in root.iterdir():
        if run.stat().st_mtime < cutoff:
            shutil.rmtree(run, ignore_errors=True)
