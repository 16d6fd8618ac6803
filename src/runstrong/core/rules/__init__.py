"""The coaching rules of DOMAIN.md as data and predicates, and the plan audit.

``predicates`` holds the one definition of each notion the rules talk about
(quality run, easy run, heavy lift, heavy lower-body session, how gaps are
measured, the R2 groups); ``catalogue`` each scheduling rule's weight and its
checks (R1–R6); ``quality`` the plan-quality thresholds (Q1–Q7); ``audit/``
judges a finished plan with the same predicates, so the scheduler and
``runstrong check`` cannot disagree. Imports ``athlete``, ``exercises``,
``science`` and ``core.model``; never ``planning``, ``prescription`` or
``coaching``.
"""
