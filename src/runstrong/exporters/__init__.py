"""Exporters: a core ``Plan`` → files other programs read (JSON, iCalendar, FIT
workouts, Markdown). They never decide anything about training; the plan is
given, they only write it down."""
