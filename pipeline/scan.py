"""The raw directory: which files exist, and which of them are new or changed since the last load.

A file is identified by the SHA-256 of its bytes. Hashing 100k files every night would dominate a
no-op run, so a file whose (size, mtime) match the warehouse's file index keeps its known hash.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from .names import disk_path, stored_name
from .pool import pool_map
from .review import fingerprint
from .warehouse.index import FILE_INDEX_SCHEMA, KnownState, published_inputs, read_file_index

CHUNK = 1 << 20
MAX_FILE_BYTES = 20 * 1024 * 1024     # no report is larger: such a file is quarantined `too_large`, unread
SAMPLE_BYTES = 1 << 16
SAMPLED = "sampled:"                  # marks an identity that is not the SHA-256 of the whole file
HASH_IN_POOL_FROM = 2000
HASH_CHUNK = 1000
IO_WORKERS = 4


@dataclass(frozen=True)
class RawFile:
    source_file: str     # path relative to the raw directory, '/'-separated, as stored (pipeline/names.py)
    size_bytes: int
    mtime_ns: int


def _walk(directory: str, prefix: str, found: list[RawFile]) -> None:
    """os.scandir rather than os.walk + pathlib: listing 100k files is most of a no-op run."""
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            name = prefix + stored_name(entry.name)
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, f"{name}/", found)
                continue
            try:
                st = entry.stat()
                size, mtime = st.st_size, st.st_mtime_ns
            except OSError:     # a broken link or a vanished file is still an input to account for
                size, mtime = -1, -1
            found.append(RawFile(name, size, mtime))


def list_raw_files(raw_dir: Path) -> list[RawFile]:
    """Every file under raw_dir (hidden files and folders skipped), sorted by path."""
    found: list[RawFile] = []
    _walk(str(raw_dir), "", found)
    return found


def file_identity(raw_dir: Path, name: str) -> str | None:
    """The SHA-256 hex digest of a file's bytes, or None when it cannot be read (permissions,
    vanished, not a regular file). A report-sized file is read in one call, a larger one in chunks.
    A file over MAX_FILE_BYTES is quarantined unread, so it is not read whole here either (hashing a
    20 GiB sparse file took minutes): its identity is SAMPLED, a digest of its size, mtime, name and
    first and last SAMPLE_BYTES, which changes whenever a scan would see it changed."""
    digest = hashlib.sha256()
    path = disk_path(raw_dir, name)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):      # opening a FIFO would block
            return None
        with open(path, "rb") as fh:
            if st.st_size > MAX_FILE_BYTES:
                digest.update(f"{st.st_size}:{st.st_mtime_ns}:{name}:".encode())
                digest.update(fh.read(SAMPLE_BYTES))
                fh.seek(st.st_size - SAMPLE_BYTES)
                digest.update(fh.read(SAMPLE_BYTES))
                return SAMPLED + digest.hexdigest()
            if st.st_size <= CHUNK:
                digest.update(fh.read())
            else:
                for chunk in iter(lambda: fh.read(CHUNK), b""):
                    digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _hash_chunk(args: tuple[Path, list[str]]) -> list[str | None]:
    raw_dir, files = args
    return [file_identity(raw_dir, name) for name in files]


def hash_files(raw_dir: Path, files: list[str]) -> list[str | None]:
    """Identities of the named files, in order. A full rebuild reads every file from a cold disk;
    reading is I/O-bound, so several processes keep the disk busy (measured: 100k files 12 s
    serially, ~5 s with four readers on two cores)."""
    if len(files) < HASH_IN_POOL_FROM:
        return _hash_chunk((raw_dir, files))
    tasks = [(raw_dir, files[i:i + HASH_CHUNK]) for i in range(0, len(files), HASH_CHUNK)]
    return [digest for chunk in pool_map(_hash_chunk, tasks, IO_WORKERS) for digest in chunk]


def scan(raw_dir: Path, index: pl.DataFrame) -> pl.DataFrame:
    """Files with their hash; `changed` is true where (size, mtime) differ from the index.
    `seen_at` is when the listing began: the load keeps the latest listing of a path, whatever
    its mtime (an mtime can go back: a restore, `cp -p`), and never rolls a path back to a
    listing made before the one the warehouse holds."""
    seen_at = datetime.now()
    files = list_raw_files(raw_dir)
    frame = pl.DataFrame([f.__dict__ for f in files], schema={k: v for k, v in FILE_INDEX_SCHEMA.items()
                                                              if k != "content_sha256"})
    known = index.select("source_file", "size_bytes", "mtime_ns", pl.col("content_sha256").alias("known_sha"),
                         indexed=pl.lit(True))
    frame = frame.join(known, on=["source_file", "size_bytes", "mtime_ns"], how="left")
    changed = frame.filter(pl.col("indexed").is_null())["source_file"].to_list()
    fresh = dict(zip(changed, hash_files(raw_dir, changed)))
    hashes = [sha if indexed else fresh[path]
              for path, sha, indexed in zip(frame["source_file"], frame["known_sha"], frame["indexed"])]
    return frame.with_columns(content_sha256=pl.Series(hashes, dtype=pl.Utf8), changed=pl.col("indexed").is_null(),
                              seen_at=pl.lit(seen_at, dtype=pl.Datetime("us"))).drop("known_sha", "indexed")


def scan_work(raw_dir: Path, warehouse: Path) -> pl.DataFrame:
    """The raw directory against the published warehouse: every file, and which to parse."""
    known = read_file_index(warehouse)
    return mark_work(scan(raw_dir, known.file_index), known)


def mark_work(scan: pl.DataFrame, known: KnownState) -> pl.DataFrame:
    """Add `to_parse`: files whose content is neither a loaded report nor already quarantined at
    that path, and (`reparse`) reports an older parser read. Of several paths with the same
    content only the first is parsed."""
    quarantined = pl.DataFrame(list(known.quarantined), schema=["source_file", "content_sha256"], orient="row")
    frame = scan.with_columns(
        known_report=pl.col("content_sha256").is_in(list(known.report_shas)).fill_null(False),
        known_quarantine=pl.struct("source_file", "content_sha256").is_in(quarantined.to_struct().implode())
        .fill_null(False),
    )
    new = ~pl.col("known_report") & ~pl.col("known_quarantine")
    first_of_content = pl.col("content_sha256").is_null() | pl.col("content_sha256").is_first_distinct()
    reparse = pl.col("content_sha256").is_in(list(known.stale_shas)).fill_null(False) & first_of_content
    return frame.with_columns(to_parse=(new & first_of_content) | reparse, reparse=reparse,
                              duplicate_of_new=new & ~first_of_content)


def pending_changes(raw_dir: Path, warehouse: Path, review_dir: Path | None = None) -> int:
    """Files new or changed since the published load (by size and mtime, nothing hashed), known
    files gone, files of reports an older parser read, and one more when the review files
    changed: what a sensor tick needs to decide whether a run is worth starting."""
    listing = pl.DataFrame([f.__dict__ for f in list_raw_files(raw_dir)],
                           schema={"source_file": pl.Utf8, "size_bytes": pl.Int64, "mtime_ns": pl.Int64})
    known = read_file_index(warehouse)
    index = known.file_index
    changed = listing.join(index, on=["source_file", "size_bytes", "mtime_ns"], how="anti").height
    stale = index.filter(pl.col("content_sha256").is_in(list(known.stale_shas))
                         & pl.col("source_file").is_in(listing["source_file"].implode()))["content_sha256"].n_unique()
    published = published_inputs(warehouse)
    gone = len(published.paths - set(listing["source_file"]))
    return changed + stale + gone + (fingerprint(review_dir) != published.review_files)


def has_changes(work: pl.DataFrame, warehouse: Path, review_dir: Path | None) -> bool:
    """Something to write: a file new, changed or to re-parse, a known file gone from the raw
    directory, or review files (pipeline/review.py) other than the ones the warehouse last applied."""
    if work.height and (work["changed"].any() or work["to_parse"].any()):
        return True
    published = published_inputs(warehouse)
    return fingerprint(review_dir) != published.review_files or bool(published.paths - set(work["source_file"]))
