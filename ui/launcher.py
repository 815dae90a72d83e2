"""``jobcenter-desktop``: a subcommand runs headless in the core; none opens the window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from jobcenter_desktop import cli
from jobcenter_desktop.logs import LOG_NAME
from jobcenter_desktop.paths import data_folder


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse_args(argv)
    if args.command is not None:
        return cli.run_command(args)
    try:
        from ui.app import run

        return run(args)
    except Exception:
        # Before the window's own error dialog is up: log it, say it calmly, no traceback.
        logging.getLogger("jobcenter").exception("The window could not start")
        log_file = data_folder(args.data_dir).logs / LOG_NAME
        print(cli.unexpected_error_text(log_file), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
