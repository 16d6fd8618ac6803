"""The science of training, as pure functions with their sources: Daniels' VDOT
and paces, world records, heart-rate zones, training load (session RPE, TRIMP),
the performance-management chart, strength formulas (e1RM, RPE/RIR) and
nutrition targets (R24).

Owns formulas and published tables only. Imports nothing from ``rules``,
``planning``, ``prescription`` or ``coaching``; never touches files or the clock.
"""
