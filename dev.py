#!/usr/bin/env python3
"""Developer entry point: set up the project and run the app or the whole test suite.

    python3 dev.py run [app args...]     set up, then start Jobcenter Desktop
    python3 dev.py test [--no-package] [-- pytest args...]
                                         set up, then lint, types, architecture,
                                         translations, package build + smoke, pytest
    python3 dev.py setup                 only set up (system libraries, .venv, packages)
    python3 dev.py lock [--no-test]      upgrade every package to the newest version
                                         pyproject.toml allows, run the tests, and record
                                         the versions in requirements/constraints.txt

Set-up is idempotent and fast when already done: it checks the Debian/Ubuntu system
libraries Qt needs (installing missing ones when run as root, after waiting for another
apt or dpkg to finish), creates ``.venv`` with the running interpreter and runs
``pip install -c requirements/constraints.txt -e .[dev]`` whenever pyproject.toml or
the constraints changed since the last install, so every machine gets the package
versions the test suite passed with. Standard library only; Linux and Windows.

Environment: JOBCENTER_SKIP_PACKAGE=1 skips the package build in ``test``;
JOBCENTER_SKIP_APT=1 skips the system-library check; JOBCENTER_APT_LOCK_WAIT (seconds,
default 300) is how long set-up waits for another apt or dpkg; JOBCENTER_STEP_TIMEOUT
(seconds, default 1200) stops a hung step of ``test``.
"""

import contextlib
import hashlib
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

MIN_PYTHON = (3, 11)

if sys.version_info < MIN_PYTHON:
    sys.exit(
        "Jobcenter Desktop needs Python {}.{} or newer; this is Python {}.{} ({}).\n"
        "Install a newer Python and run this script with it, e.g. `python3.11 dev.py ...`"
        " (Windows: `py -3.11 dev.py ...`).".format(
            *MIN_PYTHON, *sys.version_info[:2], sys.executable
        )
    )

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".jobcenter-installed"
# The package versions the test suite passed with (``pip freeze``, without the project);
# ``python3 dev.py lock`` upgrades them.
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
IS_WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if IS_WINDOWS else "bin")
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
VENV_PYTHON = BIN / f"python{EXE_SUFFIX}"
APP = BIN / f"jobcenter-desktop{EXE_SUFFIX}"
STEP_TIMEOUT = int(os.environ.get("JOBCENTER_STEP_TIMEOUT", "1200"))  # seconds per test step
APT_LOCK_WAIT = int(os.environ.get("JOBCENTER_APT_LOCK_WAIT", "300"))  # seconds
# The locks apt and dpkg hold while they work (fcntl locks on these files).
APT_LOCKS = (
    "/var/lib/dpkg/lock-frontend",
    "/var/lib/dpkg/lock",
    "/var/lib/apt/lists/lock",
    "/var/cache/apt/archives/lock",
)

# Debian/Ubuntu packages. A tuple lists alternative names of one package (Ubuntu 24.04
# renamed some libraries with a "t64" suffix): any one installed is enough.
Package = str | tuple[str, ...]
APT_OFFSCREEN: list[Package] = [
    "libgl1",
    "libegl1",
    ("libglib2.0-0", "libglib2.0-0t64"),
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
]
APT_WINDOW: list[Package] = [
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
]
# libzbar0: the tests decode the invoice's bank barcode and payment QR code (pyzbar).
APT_TESTS: list[Package] = ["xvfb", "xauth", "poppler-utils", ("libzbar0", "libzbar0t64")]


class SetupError(Exception):
    """Set-up cannot go on; the message says what to do."""


def say(message: str = "") -> None:
    print(message, flush=True)


def run(cmd: Sequence[str | os.PathLike[str]], **kwargs: Any) -> int:
    return subprocess.call([os.fspath(c) for c in cmd], **kwargs)


# --------------------------------------------------------------------------- system


def _names(pkg: Package) -> tuple[str, ...]:
    return (pkg,) if isinstance(pkg, str) else pkg


def _installed(names: Sequence[str]) -> set[str]:
    """The names among ``names`` that dpkg says are installed."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    installed = set()
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == "installed":
            installed.add(parts[0])
    return installed


def _apt_candidate(pkg: Package) -> str:
    """The name apt can install for ``pkg``: the first alternative with a candidate."""
    names = _names(pkg)
    if len(names) == 1:
        return names[0]
    env = dict(os.environ, LC_ALL="C")
    for name in reversed(names):  # newest naming first
        show = subprocess.run(
            ["apt-cache", "show", "--no-all-versions", name],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if show.returncode == 0 and "Package:" in show.stdout:  # a real package, not virtual
            return name
    return names[0]


def _venv_package() -> str | None:
    """Debian's system Python can only make virtual environments with python3.X-venv."""
    if VENV_PYTHON.exists() or sys.base_prefix != "/usr":
        return None
    return f"python3.{sys.version_info[1]}-venv"


def _proc_locks() -> list[tuple[int, int, int, int]] | None:
    """The fcntl/flock locks of the system as (pid, major, minor, inode); None when the
    kernel does not list them (not Linux)."""
    try:
        text = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    found = []
    for line in text.splitlines():
        # "1: POSIX  ADVISORY  WRITE 1234 08:01:131090 0 EOF" ("-> " marks a waiter)
        fields = line.replace("->", "").split()
        if len(fields) < 6 or fields[1] not in ("POSIX", "FLOCK", "OFDLCK"):
            continue
        device = fields[5].split(":")
        if len(device) != 3 or not fields[4].lstrip("-").isdigit():
            continue
        try:
            found.append((int(fields[4]), int(device[0], 16), int(device[1], 16), int(device[2])))
        except ValueError:
            continue
    return found


def lock_holders(paths: Sequence[str]) -> dict[str, int]:
    """The files among ``paths`` that another process holds a lock on, with its pid
    (-1 when the kernel does not say which process)."""
    own = os.getpid()
    held: dict[str, int] = {}
    locks = _proc_locks()
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue  # no lock file: nobody holds it
        if locks is not None:
            key = (os.major(info.st_dev), os.minor(info.st_dev), info.st_ino)
            exact = [pid for pid, *lock in locks if tuple(lock) == key and pid != own]
            # On overlayfs (containers) the kernel may name the lower device: the same
            # inode elsewhere counts when taking the lock really fails.
            same_inode = [pid for pid, *lock in locks if lock[2] == info.st_ino and pid != own]
            if exact:
                held[path] = exact[0]
            elif same_inode and _probe_held(path):
                held[path] = same_inode[0]
        elif _probe_held(path):
            held[path] = -1
    return held


def _probe_held(path: str) -> bool:
    """Whether taking the lock on ``path`` fails because someone else has it."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the lock, if it was taken
    return False


def _process_name(pid: int) -> str:
    if pid < 0:
        return "another program"
    try:
        name = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        name = "a process"
    return f"{name} (pid {pid})"


def wait_for_locks(
    paths: Sequence[str] = APT_LOCKS,
    timeout: float = APT_LOCK_WAIT,
    poll: float = 2.0,
    holders: Callable[[Sequence[str]], Mapping[str, int]] = lock_holders,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Wait until no other process holds a lock among ``paths`` (apt and dpkg's), saying
    so once; a SetupError when one is still held after ``timeout`` seconds."""
    deadline = clock() + timeout
    waited = False
    while True:
        held = holders(paths)
        if not held:
            if waited:
                say("    the package manager is free again; going on")
            return
        path, pid = next(iter(held.items()))
        who = _process_name(pid)
        if clock() >= deadline:
            raise SetupError(
                f"{who} still holds {path} after {timeout:.0f} s: another installation is "
                "running. Let it finish (or stop it), then rerun; "
                "JOBCENTER_APT_LOCK_WAIT=SECONDS waits longer."
            )
        if not waited:
            minutes = max(1, round(timeout / 60))
            say(
                f"==> Waiting for {who} to finish installing packages (it holds {path}); "
                f"up to {minutes} min"
            )
            waited = True
        sleep(poll)


def _apt_get(args: Sequence[str], env: Mapping[str, str]) -> int:
    """Run apt-get once another apt or dpkg is done; apt itself waits for dpkg's lock too,
    and a run that still met a lock is retried once after waiting again."""
    cmd = ["apt-get", "-o", f"DPkg::Lock::Timeout={APT_LOCK_WAIT}", *args]
    code = 1
    for _attempt in range(2):
        wait_for_locks()
        code = run(cmd, env=dict(env), stdin=subprocess.DEVNULL)
        if code == 0 or not lock_holders(APT_LOCKS):
            return code
    return code


def ensure_system_packages(groups: Sequence[list[Package]]) -> None:
    if sys.platform != "linux" or os.environ.get("JOBCENTER_SKIP_APT") == "1":
        return
    if shutil.which("dpkg-query") is None:
        return  # not Debian/Ubuntu: the user knows their own package manager
    wanted: list[Package] = [pkg for group in groups for pkg in group]
    venv_pkg = _venv_package()
    if venv_pkg:
        wanted.append(venv_pkg)
    installed = _installed([name for pkg in wanted for name in _names(pkg)])
    missing = [pkg for pkg in wanted if not installed.intersection(_names(pkg))]
    if not missing:
        return
    shown = " ".join(_names(p)[0] for p in missing)
    if os.geteuid() != 0:
        names = " ".join(_apt_candidate(p) for p in missing)
        raise SetupError(
            f"Missing system packages: {shown}\nInstall them with:\n"
            f"    sudo apt-get update && sudo apt-get install -y --no-install-recommends {names}\n"
            "(or set JOBCENTER_SKIP_APT=1 to skip this check)"
        )
    say(f"==> Installing missing system packages: {shown}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if _apt_get(["update", "-qq"], env) != 0:
        raise SetupError("apt-get update failed")
    to_install = [_apt_candidate(p) for p in missing]
    cmd = ["install", "-y", "-q", "-o", "Dpkg::Use-Pty=0", "--no-install-recommends"]
    cmd += to_install
    if _apt_get(cmd, env) != 0:
        raise SetupError("apt-get install failed: apt-get " + " ".join(cmd))


# --------------------------------------------------------------------------- venv


def _venv_version() -> tuple[int, int] | None:
    cfg = VENV / "pyvenv.cfg"
    if not cfg.exists():
        return None
    for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("version", "version_info"):
            parts = value.strip().split(".")
            try:
                return int(parts[0]), int(parts[1])
            except (IndexError, ValueError):
                return None
    return None


def ensure_venv() -> None:
    version = _venv_version()
    if version is not None and version < MIN_PYTHON:
        raise SetupError(
            f"{VENV} was made with Python {version[0]}.{version[1]}; "
            f"Jobcenter Desktop needs {MIN_PYTHON[0]}.{MIN_PYTHON[1]}+. Delete .venv and rerun."
        )
    if VENV_PYTHON.exists():
        return
    say(f"==> Creating {VENV.name} with Python {platform.python_version()} ({sys.executable})")
    cmd = [sys.executable, "-m", "venv", "--clear", str(VENV)]
    if run(cmd) != 0 or not VENV_PYTHON.exists():
        shutil.rmtree(VENV, ignore_errors=True)
        hint = ""
        if sys.platform == "linux":
            hint = f"\nOn Debian/Ubuntu: apt-get install python3.{sys.version_info[1]}-venv"
        raise SetupError("Could not create the virtual environment." + hint)


def _install_digest() -> str:
    """What the installed packages follow: pyproject.toml and the constraints file."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    if CONSTRAINTS.exists():
        digest.update(CONSTRAINTS.read_bytes())
    return digest.hexdigest()


def pip_install_command(upgrade: bool = False) -> list[str]:
    """``pip install -c requirements/constraints.txt -e .[dev]``; with ``upgrade``, the
    newest versions pyproject.toml allows, ignoring the constraints (``dev.py lock``)."""
    cmd = [str(VENV_PYTHON), "-m", "pip", "install", "--progress-bar", "off"]
    if upgrade:
        cmd += ["--upgrade", "--upgrade-strategy", "eager"]
    elif CONSTRAINTS.exists():
        cmd += ["-c", str(CONSTRAINTS.relative_to(ROOT))]
    return [*cmd, "-e", ".[dev]"]


def ensure_installed() -> None:
    digest = _install_digest()
    stamp = STAMP.read_text(encoding="utf-8").strip() if STAMP.exists() else ""
    if stamp == digest and APP.exists():
        return
    cmd = pip_install_command()
    say("==> Installing the project and its development tools: " + " ".join(cmd[3:]))
    started = time.monotonic()
    if run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL) != 0:
        raise SetupError("pip install failed (see above); fix it and rerun.")
    STAMP.write_text(digest + "\n", encoding="utf-8")
    say(f"    installed in {time.monotonic() - started:.1f} s")


def ensure_setup(apt_groups: Sequence[list[Package]]) -> None:
    ensure_system_packages(apt_groups)
    ensure_venv()
    ensure_installed()


# --------------------------------------------------------------------------- commands


# The app's options that take a value: what follows them is not a subcommand.
APP_VALUE_OPTIONS = ("--data-dir", "--lang")


def opens_window(args: Sequence[str]) -> bool:
    """Whether ``jobcenter-desktop ARGS`` opens the window (no subcommand, no --help,
    --version or --smoke)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in APP_VALUE_OPTIONS:
            skip = True
        elif arg in ("-h", "--help", "--version", "--smoke"):
            return False
        elif not arg.startswith("-"):
            return False  # a subcommand runs headless
    return True


def missing_display(
    args: Sequence[str], env: Mapping[str, str], platform_name: str = sys.platform
) -> str | None:
    """What to do when the window is asked for where there is no screen; None if fine."""
    if platform_name != "linux" or not opens_window(args):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return None
    return (
        "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
        "is set).\nRun it in a desktop session, or without a screen:\n"
        "    xvfb-run -a python3 dev.py run        (a virtual display; apt-get install xvfb)\n"
        "    python3 dev.py run --smoke            (checks that the window starts, prints OK)\n"
        "Commands such as `python3 dev.py run check` need no display."
    )


def cmd_run(args: list[str]) -> int:
    problem = missing_display(args, os.environ)
    if problem:
        say(f"!!! {problem}")
        return 1
    ensure_setup([APT_OFFSCREEN, APT_WINDOW])
    cmd = [str(APP), *args]
    if IS_WINDOWS:
        try:
            return subprocess.call(cmd)
        except KeyboardInterrupt:
            return 130
    os.execv(cmd[0], cmd)  # let the app own the terminal and its signals


def _step_commands(no_package: bool, pytest_args: list[str]) -> list[tuple[str, list[str]]]:
    py = str(VENV_PYTHON)

    def tool(name: str) -> str:
        return str(BIN / f"{name}{EXE_SUFFIX}")

    compile_code = "from jobcenter_desktop.i18n import compile_all; compile_all()"
    steps: list[tuple[str, list[str]]] = [
        ("ruff check", [tool("ruff"), "check", "."]),
        ("ruff format --check", [tool("ruff"), "format", "--check", "."]),
        ("mypy", [tool("mypy")]),
        ("lint-imports", [tool("lint-imports")]),
        ("translations", [py, "-c", compile_code]),
    ]
    if not no_package:
        steps.append(("package build + smoke", [py, "packaging/build.py", "--smoke"]))
    steps.append(("pytest", [tool("pytest"), *pytest_args]))
    return steps


def run_step(name: str, cmd: list[str], env: dict[str, str]) -> int:
    """Run one step; a step that hangs (a modal dialog in a test, say) is stopped."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=STEP_TIMEOUT)
    except subprocess.TimeoutExpired:
        say(f"!!! {name}: still running after {STEP_TIMEOUT} s; stopping it")
        if not IS_WINDOWS:
            proc.send_signal(signal.SIGABRT)  # Python's faulthandler prints where it hung
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=15)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        return 124
    except KeyboardInterrupt:
        proc.kill()
        proc.wait()
        raise


def cmd_test(args: list[str]) -> int:
    pytest_args: list[str] = []
    if "--" in args:
        cut = args.index("--")
        args, pytest_args = args[:cut], args[cut + 1 :]
    unknown = [a for a in args if a != "--no-package"]
    if unknown:
        say(f"dev.py test: unknown option(s) {' '.join(unknown)}")
        say("usage: python3 dev.py test [--no-package] [-- pytest args...]")
        return 2
    no_package = "--no-package" in args or os.environ.get("JOBCENTER_SKIP_PACKAGE") == "1"

    ensure_setup([APT_OFFSCREEN, APT_WINDOW, APT_TESTS])
    return run_tests(no_package, pytest_args)


def run_tests(no_package: bool, pytest_args: list[str]) -> int:
    """Every step of ``test`` in order, stopping at the first failure; the exit code."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="1")
    steps = _step_commands(no_package, pytest_args)
    timings: list[tuple[str, float]] = []
    total = len(steps)
    for number, (name, cmd) in enumerate(steps, start=1):
        last = number == total
        if last:
            # pytest's own summary ("N passed in X s") must stay the last line of output.
            say("==> Steps so far: " + ", ".join(f"{n} {t:.1f} s" for n, t in timings))
            if no_package:
                say("    (package build skipped)")
        say(f"\n==> [{number}/{total}] {name}: {' '.join(cmd)}")
        started = time.monotonic()
        try:
            code = run_step(name, cmd, env)
        except FileNotFoundError as exc:
            say(f"!!! {name}: cannot start {exc.filename}")
            return 1
        elapsed = time.monotonic() - started
        timings.append((name, elapsed))
        if code == 5 and name == "pytest":
            say(f"!!! pytest collected no tests (exit 5): a failure ({elapsed:.1f} s)")
            return code
        if code != 0:
            say(f"!!! FAILED: {name} (exit {code}) after {elapsed:.1f} s")
            return code
        if not last:
            say(f"<== {name}: ok in {elapsed:.1f} s")
    return 0


def cmd_setup(args: list[str]) -> int:
    ensure_setup([APT_OFFSCREEN, APT_WINDOW, APT_TESTS])
    say(f"Set-up complete: {VENV}")
    return 0


def frozen_versions(freeze_output: str) -> list[str]:
    """``pip freeze`` lines as constraints: ``name==version`` only, without the project
    itself (installed editable) and comments, sorted by name."""
    pins = []
    for line in freeze_output.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-e ", "--")) or "==" not in line:
            continue
        name = re.split(r"[=\[ ;]", line, maxsplit=1)[0]
        if re.sub(r"[-_.]+", "-", name).lower() == "jobcenter-desktop":
            continue
        pins.append(line)
    return sorted(pins, key=str.lower)


def cmd_lock(args: list[str]) -> int:
    unknown = [a for a in args if a != "--no-test"]
    if unknown:
        say(f"dev.py lock: unknown option(s) {' '.join(unknown)}")
        say("usage: python3 dev.py lock [--no-test]")
        return 2
    ensure_setup([APT_OFFSCREEN, APT_WINDOW, APT_TESTS])
    # From here .venv may differ from the constraints: the next set-up reinstalls them.
    STAMP.unlink(missing_ok=True)
    cmd = pip_install_command(upgrade=True)
    say("==> Upgrading every package pyproject.toml allows: " + " ".join(cmd[3:]))
    if run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL) != 0:
        raise SetupError("pip install --upgrade failed (see above); the constraints are unchanged.")
    freeze = subprocess.run(
        [str(VENV_PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if freeze.returncode != 0:
        raise SetupError("pip freeze failed: " + freeze.stderr.strip())
    pins = frozen_versions(freeze.stdout)
    if "--no-test" not in args:
        code = run_tests(os.environ.get("JOBCENTER_SKIP_PACKAGE") == "1", [])
        if code != 0:
            say(
                f"!!! The tests failed with the upgraded packages: {CONSTRAINTS.name} is "
                "unchanged, and the next dev.py command reinstalls the versions it records."
            )
            return code
    python = f"Python {sys.version_info[0]}.{sys.version_info[1]}"
    header = [
        "# The package versions the test suite passed with (pip freeze of .venv,",
        f"# {python} on {platform.system()}, without the project itself).",
        "# dev.py installs with them: pip install -c requirements/constraints.txt -e .[dev]",
        "# Upgrade: python3 dev.py lock (newest versions pyproject.toml allows, tests, this file)",
    ]
    CONSTRAINTS.parent.mkdir(parents=True, exist_ok=True)
    CONSTRAINTS.write_text("\n".join([*header, *pins]) + "\n", encoding="utf-8")
    STAMP.write_text(_install_digest() + "\n", encoding="utf-8")
    say(f"Recorded {len(pins)} package versions in {CONSTRAINTS.relative_to(ROOT)}.")
    return 0


COMMANDS = {"run": cmd_run, "test": cmd_test, "setup": cmd_setup, "lock": cmd_lock}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        say(__doc__.strip() if __doc__ else "usage: dev.py run|test|setup|lock")
        return 0 if argv and argv[0] in ("-h", "--help", "help") else 2
    os.chdir(ROOT)
    try:
        return COMMANDS[argv[0]](argv[1:])
    except SetupError as exc:
        say(f"!!! set-up: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
