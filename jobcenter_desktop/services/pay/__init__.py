"""Pay and the benefit guard: dated pay rates and participants' benefits."""

from __future__ import annotations

from jobcenter_desktop.queries.earnings import participant_by_number

__all__ = ["participant_by_number"]
