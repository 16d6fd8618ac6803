"""Season planning: periodization (R7–R11), the week scheduler (an exact search
weighing the rules of ``rules.catalogue``), the plan build, run placement,
injury-aware run types and the per-day explanation.

Imports ``athlete``, ``exercises``, ``science``, ``rules`` and ``prescription``;
never ``coaching``, and never files, the database or the clock (callers pass
the start date).
"""
