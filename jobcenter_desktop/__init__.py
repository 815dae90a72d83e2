"""Jobcenter Desktop core: domain rules, store, services and documents. No Qt here."""

__version__ = "0.1.0"
APP_NAME = "Jobcenter Desktop"
