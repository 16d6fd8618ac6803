"""Dave Cameron's race-time model, used below Daniels' tables (400 m to 1500 m).

Daniels' published VDOT tables (Running Formula 3rd ed., Table 5.1) start at
1500 m, and the Daniels–Gilbert equations behind them were fitted to races of
about 3.5 min and longer: below 1500 m their sustainable-fraction curve leaves its
data and predicts 800 m times far too slow (a 4:30 1500 m runner would "equal"
2:17). Cameron's model was fitted to world records (its author reports a good fit
from 800 m up) and ties any two distances by

    a(d) = 13.49681 − 0.000030363·d + 835.7114 / d^0.7905      (d in metres)
    T2 = (T1 / D1) · (a(D1) / a(D2)) · D2

(D. Cameron, cs.uml.edu/~phoffman/cammod.html, as implemented in
ashermorgan/running-tools ``src/utils/races.js``; vectors in
``tests/data/reference/formulas.json``). runstrong bridges a short race to the
table's first distance with it: a 400 m or 800 m time ↔ its 1500 m equivalent ↔
VDOT. That is an extrapolation of the VDOT model, and every note that uses it
says so. Pure arithmetic.
"""

from __future__ import annotations

import math

TABLE_MIN_DISTANCE_M = 1500.0
"""The shortest distance of Daniels' published tables; below it VDOT is extrapolated."""


def cameron_factor(distance_m: float) -> float:
    """Cameron's a(d): a speed factor that falls as the distance grows."""
    return 13.49681 - 0.000030363 * distance_m + 835.7114 / math.pow(distance_m, 0.7905)


def cameron_time_s(time_s: float, from_m: float, to_m: float) -> float:
    """Cameron's equivalent of ``time_s`` over ``from_m`` at ``to_m`` (seconds)."""
    return time_s / from_m * (cameron_factor(from_m) / cameron_factor(to_m)) * to_m


def below_tables(distance_m: float) -> bool:
    """True below 1500 m, where no published VDOT row backs a race time."""
    return distance_m < TABLE_MIN_DISTANCE_M - 1e-6
