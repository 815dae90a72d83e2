"""An instructor as typed in the form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InstructorInput:
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    active: bool = True
