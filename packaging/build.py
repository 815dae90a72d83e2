"""Build the one-folder PyInstaller package and optionally smoke-test it.

    python packaging/build.py [--smoke] [--windowed]

Run it with the project's virtual environment (``.venv/bin/python`` or
``.venv\\Scripts\\python``). Steps: compile the translations, run PyInstaller on
``packaging/jobcenter-desktop.spec`` into ``build/pyinstaller/dist``, and with
``--smoke`` start the built program with ``--smoke`` offscreen and expect ``OK``.
``--windowed`` builds without a console (Windows release builds); it cannot be
smoke-tested, since a windowed program has no output. The build fails when a
development tool (``DEV_ONLY``) is in the package. Standard library and PyInstaller only.

``python packaging/build.py --list`` prints the top-level modules of the last build.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "jobcenter-desktop.spec"
OUT = ROOT / "build" / "pyinstaller"
DIST = OUT / "dist"
NAME = "jobcenter-desktop"
BINARY = DIST / NAME / (NAME + (".exe" if os.name == "nt" else ""))
SMOKE_TIMEOUT = 180
#: Top-level modules of the development tools and of the `postgresql` extra: none of them
#: may be in the package (see the excludes in jobcenter-desktop.spec).
DEV_ONLY = frozenset(
    {
        "pytest",
        "_pytest",
        "pytestqt",
        "hypothesis",
        "mypy",
        "ruff",
        "importlinter",
        "grimp",
        "PyInstaller",
        "pdfplumber",
        "pdfminer",
        "pyzbar",
        "pygments",
        "psycopg",
        "psycopg_binary",
    }
)


def say(message: str) -> None:
    print(message, flush=True)


def compile_translations() -> None:
    code = "from jobcenter_desktop.i18n import compile_all; compile_all()"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def build(windowed: bool) -> None:
    env = dict(os.environ)
    env.pop("JOBCENTER_WINDOWED", None)
    if windowed:
        env["JOBCENTER_WINDOWED"] = "1"
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--distpath",
        str(DIST),
        "--workpath",
        str(OUT / "work"),
        "--noconfirm",
        "--log-level",
        "WARN",
    ]
    say("build: " + " ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdin=subprocess.DEVNULL)


def folder_size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def native_pdfium_bundled(folder: Path) -> bool:
    """pdfium (the print preview's renderer) is loaded with ctypes, so PyInstaller sees it
    only through pyinstaller-hooks-contrib's pypdfium2 hook: check that it came along."""
    return any(p.suffix in (".so", ".dll", ".dylib") for p in folder.rglob("*pdfium*"))


def bundled_modules(binary: Path = BINARY) -> set[str]:
    """The top-level names the built program carries: the Python modules in its archive
    (PyInstaller's reader of the executable's embedded PYZ) and the folders beside it."""
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(binary))
    archive_name = next(name for name in package.toc if name.endswith(".pyz"))
    modules = {name.split(".")[0] for name in package.open_embedded_archive(archive_name).toc}
    internal = binary.parent / "_internal"
    if internal.is_dir():
        modules |= {path.name for path in internal.iterdir() if path.is_dir()}
    return modules


def dev_tools_bundled(binary: Path = BINARY) -> list[str]:
    """The development-only modules found in the built program (none is wanted)."""
    return sorted(bundled_modules(binary) & DEV_ONLY)


def smoke() -> bool:
    """Run the built program with ``--smoke`` offscreen; True when it printed OK."""
    with tempfile.TemporaryDirectory(prefix="jobcenter-smoke-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JOBCENTER_DATA_DIR=tmp)
        say(f"smoke: {BINARY} --smoke")
        started = time.monotonic()
        try:
            result = subprocess.run(
                [str(BINARY), "--smoke"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                timeout=SMOKE_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            say(f"smoke: FAILED, no exit within {SMOKE_TIMEOUT} s")
            return False
    output = result.stdout.strip()
    if output:
        say("\n".join("    " + line for line in output.splitlines()))
    elapsed = time.monotonic() - started
    if result.returncode != 0 or not re.search(r"^OK\b", output, re.MULTILINE):
        say(f"smoke: FAILED (exit {result.returncode}, expected a line 'OK') in {elapsed:.1f} s")
        return False
    say(f"smoke: OK in {elapsed:.1f} s")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="run the built program --smoke")
    parser.add_argument("--windowed", action="store_true", help="no console (Windows release)")
    parser.add_argument("--list", action="store_true", help="list the last build's modules")
    args = parser.parse_args(argv)
    if args.list:
        if not BINARY.exists():
            say(f"{BINARY} is not built yet: run packaging/build.py first")
            return 1
        say("\n".join(sorted(bundled_modules(), key=str.lower)))
        return 0
    if args.smoke and args.windowed:
        parser.error("--smoke needs the console build: leave out --windowed")

    started = time.monotonic()
    try:
        compile_translations()
        build(args.windowed)
    except subprocess.CalledProcessError as exc:
        say(f"build: FAILED (exit {exc.returncode}): {' '.join(map(str, exc.cmd))}")
        return exc.returncode or 1
    if not BINARY.exists():
        say(f"build: FAILED, {BINARY} was not made")
        return 1
    if not native_pdfium_bundled(BINARY.parent):
        say("build: FAILED, the pdfium library of pypdfium2 is not in the package")
        return 1
    leaked = dev_tools_bundled()
    if leaked:
        say("build: FAILED, development tools in the package: " + ", ".join(leaked))
        return 1
    size = folder_size_mb(BINARY.parent)
    say(f"build: {BINARY.parent} ({size:.0f} MB) in {time.monotonic() - started:.1f} s")
    if args.smoke and not smoke():
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
