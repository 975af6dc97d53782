"""The package as a user installs it: a wheel in a fresh virtualenv, away from the checkout,
carries its SQL and ingests the sample."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

UV = Path(sys.executable).with_name("uv")     # the Makefile installs uv into the project's venv


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_wheel_installed_in_a_fresh_venv_ingests_the_sample(tmp_path):
    _run(UV, "build", "--wheel", "--out-dir", tmp_path / "dist", ROOT, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    pins = tmp_path / "requirements.txt"
    pins.write_text(_run(UV, "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-project", cwd=ROOT))
    _run(UV, "venv", "--python", sys.executable, tmp_path / "venv", cwd=tmp_path)
    python = tmp_path / "venv" / "bin" / "python"
    _run(UV, "pip", "install", "--python", python, "-r", pins, wheel, cwd=tmp_path)
    where = _run(python, "-c", "import pipeline.config as c; print(c.SQL_DIR)", cwd=tmp_path).strip()
    assert Path(where).is_relative_to(tmp_path / "venv")            # the packaged SQL, not the checkout's
    out = _run(tmp_path / "venv" / "bin" / "ogi", "ingest", "--raw-dir", ROOT / "data" / "raw",
               "--warehouse", tmp_path / "w.duckdb", cwd=tmp_path)
    assert "loaded 5," in out and "check fact_cells_unique: passed" in out
