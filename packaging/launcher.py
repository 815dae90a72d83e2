"""Entry script of the PyInstaller build (see jobcenter-desktop.spec).

The same entry point as the ``jobcenter-desktop`` command: a subcommand runs headless
in the core (``jobcenter_desktop.cli``); none opens the window.
"""

from ui.launcher import main

raise SystemExit(main())
