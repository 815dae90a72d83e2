"""Entry script of the PyInstaller build (see jobcenter-desktop.spec)."""

from jobcenter_desktop.cli import main

raise SystemExit(main())
