"""Set-up that does not break on a fresh machine: dev.py waits for another apt or dpkg,
installs the recorded package versions, says when there is no display, and the package
carries the runtime dependencies only."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest

import dev

ROOT = Path(__file__).resolve().parents[2]


def load_build() -> ModuleType:
    """packaging/build.py (``packaging`` is also a PyPI package, so load it by path)."""
    spec = importlib.util.spec_from_file_location("jobcenter_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def requirement_name(text: str) -> str:
    name = re.split(r"[\s<>=!~\[;]", text.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# --- waiting for apt and dpkg ---------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_set_up_waits_for_the_package_manager_and_says_so_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock()
    answers: Iterator[dict[str, int]] = iter([{"/var/lib/dpkg/lock-frontend": 4242}] * 3 + [{}])

    dev.wait_for_locks(
        ("/var/lib/dpkg/lock-frontend",),
        timeout=300,
        poll=2,
        holders=lambda _paths: next(answers),
        sleep=clock.sleep,
        clock=clock,
    )

    out = capsys.readouterr().out
    assert out.count("Waiting for") == 1
    assert "/var/lib/dpkg/lock-frontend" in out and "pid 4242" in out and "5 min" in out
    assert "free again" in out
    assert clock.now == 6


def test_set_up_does_not_wait_when_nothing_holds_the_lock(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock()

    dev.wait_for_locks(("/x",), holders=lambda _paths: {}, sleep=clock.sleep, clock=clock)

    assert capsys.readouterr().out == ""
    assert clock.now == 0


def test_set_up_gives_up_after_the_wait_with_what_to_do() -> None:
    clock = FakeClock()

    with pytest.raises(dev.SetupError, match="still holds /var/lib/dpkg/lock after 300 s"):
        dev.wait_for_locks(
            ("/var/lib/dpkg/lock",),
            timeout=300,
            poll=2,
            holders=lambda _paths: {"/var/lib/dpkg/lock": 77},
            sleep=clock.sleep,
            clock=clock,
        )
    assert clock.now == 300


HOLDER = """
import fcntl, sys
handle = open(sys.argv[1], "r+")
fcntl.lockf(handle, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.mark.skipif(sys.platform != "linux", reason="apt and dpkg locks are Linux's")
def test_a_real_lock_holder_is_found_and_waited_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "lock-frontend"
    lock.write_text("")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert dev.lock_holders([str(lock), str(tmp_path / "absent")]) == {str(lock): holder.pid}

        def release(_seconds: float) -> None:
            # The other installation finishes while set-up waits.
            holder.communicate("\n", timeout=60)

        dev.wait_for_locks((str(lock),), timeout=600, poll=1, sleep=release)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()

    out = capsys.readouterr().out
    assert f"(pid {holder.pid})" in out and "Waiting for" in out
    assert dev.lock_holders([str(lock)]) == {}


# --- reproducible installs -------------------------------------------------------------------


def test_pip_freeze_becomes_constraints_without_the_project() -> None:
    freeze = "\n".join(
        [
            "SQLAlchemy==2.1.9",
            "# Editable Git install with no remote (jobcenter-desktop==0.1.0)",
            "-e /work/main",
            "alembic==1.20.1",
            "jobcenter_desktop==0.1.0",
            "",
            "Babel==2.19.0",
        ]
    )

    assert dev.frozen_versions(freeze) == ["alembic==1.20.1", "Babel==2.19.0", "SQLAlchemy==2.1.9"]


def test_set_up_installs_with_the_recorded_versions() -> None:
    cmd = dev.pip_install_command()

    assert cmd[cmd.index("-c") + 1] == "requirements/constraints.txt"
    assert cmd[-2:] == ["-e", ".[dev]"]
    upgrade = dev.pip_install_command(upgrade=True)
    assert "-c" not in upgrade and "--upgrade" in upgrade


def test_the_constraints_pin_every_dependency_and_not_the_project() -> None:
    lines = dev.CONSTRAINTS.read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==\S+", line) for line in pins), pins
    pinned = {requirement_name(line) for line in pins}
    project = pyproject()["project"]
    assert isinstance(project, dict)
    wanted = {requirement_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {requirement_name(r) for r in extra}
    wanted.discard("jobcenter-desktop")
    assert wanted - pinned == set(), "run python3 dev.py lock"
    assert "jobcenter-desktop" not in pinned
    assert "python3 dev.py lock" in "\n".join(lines[:5])


def test_the_postgresql_driver_is_a_runtime_extra_not_a_dependency() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    runtime = {requirement_name(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    assert "psycopg" not in runtime
    assert [requirement_name(r) for r in extras["postgresql"]] == ["psycopg"]
    assert "jobcenter-desktop[postgresql]" in extras["dev"]
    assert not any(requirement_name(r) == "psycopg" for r in extras["dev"])


# --- the package -----------------------------------------------------------------------------


def test_the_spec_leaves_out_every_development_tool_the_build_checks_for() -> None:
    build = load_build()
    spec = (ROOT / "packaging/jobcenter-desktop.spec").read_text(encoding="utf-8")
    excludes = set(
        re.findall(r'^\s+"([\w.]+)",$', spec.split("excludes = [")[1].split("]")[0], re.M)
    )

    assert {"psycopg", "psycopg_binary", "pytest", "hypothesis", "PyInstaller"} <= build.DEV_ONLY
    assert excludes >= build.DEV_ONLY


# --- no display ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "refused"),
    [
        ([], {}, True),
        (["--data-dir", "/tmp/x", "--lang", "en"], {}, True),
        (["--smoke"], {}, False),
        (["check"], {}, False),
        (["--data-dir", "/tmp/x", "import", "customers", "a.csv"], {}, False),
        (["--help"], {}, False),
        (["--version"], {}, False),
        ([], {"DISPLAY": ":0"}, False),
        ([], {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ([], {"QT_QPA_PLATFORM": "offscreen"}, False),
    ],
)
def test_the_window_without_a_display_is_refused_with_what_to_do(
    args: Sequence[str], env: dict[str, str], refused: bool
) -> None:
    message = dev.missing_display(args, env, "linux")

    assert (message is not None) == refused
    if message:
        assert "xvfb-run" in message and "--smoke" in message


def test_no_display_check_off_linux() -> None:
    assert dev.missing_display([], {}, "win32") is None


@pytest.mark.skipif(sys.platform != "linux", reason="a display is an X11/Wayland matter")
def test_dev_py_run_without_a_display_says_a_display_or_xvfb_run_is_needed() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }

    result = subprocess.run(
        [sys.executable, "dev.py", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )

    assert result.returncode == 1
    assert "no display" in result.stdout and "xvfb-run -a python3 dev.py run" in result.stdout
    assert "xcb" not in result.stdout + result.stderr
