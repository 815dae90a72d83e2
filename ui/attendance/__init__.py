"""The area "Läsnäolo": the daily work-activity attendance register."""

from ui.attendance.view import AttendanceView

__all__ = ["AttendanceView"]
