"""The coaching rules of DOMAIN.md as data and predicates, and the plan audit.

``catalogue`` holds each rule's thresholds and weights and the shared predicates
(what is a quality run, a heavy lower-body session, an easy run, how gaps are
measured); ``audit/`` judges a finished plan with the same predicates, so the
scheduler and ``runstrong check`` cannot disagree. Imports ``athlete``,
``exercises``, ``science`` and ``core.model``; never ``planning``, ``prescription``
or ``coaching``.
"""
