"""``jobcenter-desktop``: a subcommand runs headless in the core; none opens the window."""

from __future__ import annotations

from collections.abc import Sequence

from jobcenter_desktop import cli


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse_args(argv)
    if args.command is not None:
        return cli.run_command(args)
    from ui.app import run

    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
