"""Entry script of the PyInstaller build (see jobcenter-desktop.spec)."""

from ui.launcher import main

raise SystemExit(main())
