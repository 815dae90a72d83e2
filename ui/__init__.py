"""The PySide6 application. It may import the core; the core never imports it."""
