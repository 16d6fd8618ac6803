"""Prescriptions: what a planned session holds. ``run`` and ``run_steps`` make
the one run-workout generator (Daniels paces, volume caps); ``strength``,
``strength_pick`` and ``strength_dose`` pick exercises and dose them (R12–R17);
``session`` ties both to a planned session.

Imports ``athlete``, ``exercises`` and ``science``; never ``planning``, ``rules``
or ``coaching``.
"""
