"""Build a believable ten-year centre in a new data folder, for the benchmark.

    .venv/bin/python scripts/make_big_store.py --out /tmp/bigstore [--years 10] [--scale 1.0]
        [--seed 7] [--invoice-months 12]

``--out`` is a data folder (it is made if missing; its ``jobcenter.db`` must not exist yet),
so the program opens the result with ``--data-dir``:

    .venv/bin/python -m ui.launcher --data-dir /tmp/bigstore check

What is made, and how, is told in ``jobcenter_desktop/demo/ten_years.py``; the same is
``jobcenter-desktop --data-dir DIR demo-data --years 10``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.ten_years import build_ten_years
from jobcenter_desktop.paths import DataFolder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the data folder to make")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--invoice-months", type=int, default=12)
    args = parser.parse_args()
    folder = DataFolder(args.out.expanduser().resolve())
    if folder.database.exists():
        print(f"{folder.database} exists already: give a new data folder.", file=sys.stderr)
        return 2
    folder.create()
    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"{time.perf_counter() - started:7.1f} s  {text}", flush=True)

    store = Store.open(folder.database, folder.backups, actor="demo")
    try:
        summary = build_ten_years(
            store,
            years=args.years,
            scale=args.scale,
            seed=args.seed,
            invoice_months=args.invoice_months,
            progress=progress,
        )
    except UserError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        store.close()
    progress(str(summary))
    size = folder.database.stat().st_size
    print(f"{folder.database}: {size / 1_000_000:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
