"""The program starts as a user would start it: ``jobcenter-desktop --smoke``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_start_prints_ok_and_creates_the_data_folder(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--data-dir", str(tmp_path), "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"
    assert (tmp_path / "jobcenter.db").exists()
    assert (tmp_path / "backups").is_dir() and (tmp_path / "logs").is_dir()
    assert "Traceback" not in result.stderr
