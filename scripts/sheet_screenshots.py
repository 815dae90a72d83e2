"""Draw the README pictures of the printed sheets from the demo centre.

    .venv/bin/python scripts/sheet_screenshots.py [LANGUAGE]

Makes a demo store in a temporary folder, prints the gig sheet of last week's largest
crew, last week's crew timesheet and the month sheet of the participant with the most
entries last week, and draws the first page of each at 80 dpi with ``pdftoppm`` into
docs/screenshots/ (gig-sheet.png, week-timesheet.png, month-timesheet.png). Look at each.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.demo.activity import load_demo_activity  # noqa: E402
from jobcenter_desktop.demo.registers import load_demo_data  # noqa: E402
from jobcenter_desktop.i18n import set_language  # noqa: E402
from jobcenter_desktop.queries.gigs import list_gigs  # noqa: E402
from jobcenter_desktop.services import printing  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def _picture(pdf: Path, name: str) -> None:
    target = OUT / name
    first_page = ["-f", "1", "-l", "1", "-singlefile"]
    stem = str(target.with_suffix(""))
    subprocess.run(["pdftoppm", "-png", "-r", "80", *first_page, str(pdf), stem], check=True)
    print(target)


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "fi"
    set_language(language)
    folder = Path(tempfile.mkdtemp(prefix="jobcenter-sheets-"))
    store = Store.open(folder / "jobcenter.db")
    load_demo_data(store)
    load_demo_activity(store)
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    week = [g for g in list_gigs(store, monday, monday + timedelta(days=6)) if g.participants]
    biggest = max(week, key=lambda gig: (len(gig.participants), -gig.id))
    _picture(printing.print_gig_sheet(store, biggest.id, folder / "gig.pdf"), "gig-sheet.png")
    iso = monday.isocalendar()
    week_pdf = printing.print_week_timesheet(store, iso.year, iso.week, folder / "week.pdf")
    _picture(week_pdf, "week-timesheet.png")
    busiest = Counter(p.number for gig in week for p in gig.participants).most_common(1)[0][0]
    month_pdf = printing.print_month_timesheet(
        store, busiest, monday.year, monday.month, folder / "month.pdf"
    )
    _picture(month_pdf, "month-timesheet.png")
    store.close()


if __name__ == "__main__":
    main()
