"""The daily coach: readiness (R18), day adaptation (R19–R23) and analytics
(R25–R26) over the athlete's history, which callers pass in.

May import every other core package; nothing in core imports ``coaching``.
"""
