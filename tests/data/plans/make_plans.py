"""Regenerate the example plans: good.json, and bad-*.json = good.json with one planted defect.

Run from the repository root: .venv/bin/python tests/data/plans/make_plans.py
The planted defect of each bad file is named in its "notes"; tests/core/test_audit.py
asserts the audit finds exactly that one.
"""

# ruff: noqa
import copy
import datetime as dt
import json

START = dt.date(2027, 3, 1)  # a Monday
PHASES = ["base", "base", "base", "base", "build", "peak", "taper", "race"]
DELOAD = [False, False, False, True, False, False, False, False]
MESO = [0, 0, 0, 0, 1, 1, 2, 2]
KM = [30.0, 33.0, 36.0, 27.0, 36.0, 39.0, 28.0, 20.0]

MOB = [
    {
        "name": "Ankle dorsiflexion rocks",
        "muscles": ["ankles", "calves"],
        "sets": 1,
        "reps": None,
        "duration_s": 60.0,
        "rest_s": 0,
        "substitutions": ["Wall ankle mobilisation"],
    },
    {
        "name": "Half-kneeling hip flexor stretch",
        "muscles": ["hip flexors"],
        "sets": 1,
        "reps": None,
        "duration_s": 60.0,
        "rest_s": 0,
        "substitutions": ["Couch stretch"],
    },
    {
        "name": "Thoracic open book",
        "muscles": ["thoracic spine"],
        "sets": 1,
        "reps": 8,
        "rest_s": 0,
        "substitutions": ["Foam-roller thoracic extension"],
    },
]


def ex(name, muscles, sets, reps, pct=None, rpe=None, subs=(), plyo=False, rest=120, intent=""):
    d = {
        "name": name,
        "muscles": muscles,
        "sets": sets,
        "reps": reps,
        "rest_s": rest,
        "substitutions": list(subs),
    }
    if pct is not None:
        d["pct_e1rm"] = pct
    if rpe is not None:
        d["rpe"] = rpe
    if plyo:
        d["plyometric"] = True
    if intent:
        d["intent"] = intent
    return d


def strength_a(w, phase):
    if phase in ("peak", "taper", "race"):
        cat = "maintenance"
        sets = 2
        pct = 0.75
    else:
        cat = "heavy"
        sets = 4
        pct = [0.75, 0.78, 0.80, 0.70, 0.80][w]
    exs = [
        ex(
            "Back squat",
            ["quads", "glutes"],
            sets,
            5,
            pct=pct,
            subs=["Goblet squat", "Bulgarian split squat"],
        ),
        ex(
            "Romanian deadlift",
            ["hamstrings", "glutes", "hips"],
            sets,
            6,
            pct=pct - 0.05 if pct else None,
            subs=["Single-leg RDL"],
        ),
        ex("Standing calf raise", ["calves"], 3, 12, rpe=8, subs=["Single-leg calf raise"]),
        ex("Pallof press", ["core"], 3, 10, rpe=7, subs=["Side plank"]),
        ex("Pull-up", ["upper body"], 3, 6, rpe=8, subs=["Inverted row"]),
    ]
    return cat, exs


def strength_b(w, phase):
    if phase in ("peak", "taper", "race"):
        cat = "light"
        sets = 2
    else:
        cat = "moderate"
        sets = 3
    exs = [
        ex(
            "Bulgarian split squat",
            ["quads", "glutes", "hips"],
            sets,
            8,
            rpe=7,
            subs=["Reverse lunge"],
        ),
        ex("Hip thrust", ["glutes", "hips", "hamstrings"], sets, 10, rpe=7, subs=["Glute bridge"]),
        ex("Single-leg calf raise", ["calves"], 3, 12, rpe=7, subs=["Calf raise on step"]),
        ex("Dead bug", ["core"], 3, 10, rpe=6, subs=["Bird dog"]),
        ex("Push-up", ["upper body"], 3, 12, rpe=7, subs=["Incline push-up"]),
    ]
    if w >= 4 and phase == "build":
        exs.append(
            ex(
                "Box jump",
                ["quads", "glutes", "calves"],
                3,
                5,
                rpe=6,
                plyo=True,
                subs=["Squat jump"],
                intent="fast take-off, soft landing",
            )
        )
    return cat, exs


def run(sid, day, start, cat, hard, minutes, km, load, steps, title):
    return {
        "id": sid,
        "date": day.isoformat(),
        "start": start,
        "kind": "run",
        "category": cat,
        "hard": hard,
        "duration_min": minutes,
        "distance_km": km,
        "load": load,
        "title": title,
        "steps": steps,
    }


def lift(sid, day, start, cat, minutes, load, title, exercises, rules=None):
    session = {
        "id": sid,
        "date": day.isoformat(),
        "start": start,
        "kind": "strength",
        "category": cat,
        "hard": False,
        "duration_min": minutes,
        "load": load,
        "title": title,
        "exercises": exercises,
        "mobility": MOB,
    }
    if rules is not None:
        session["rules"] = rules
    return session


def easy_steps(minutes):
    return [
        {
            "kind": "steady",
            "duration_s": minutes * 60.0,
            "pace_s_per_km": [330.0, 360.0],
            "hr_bpm": [130, 150],
        }
    ]


def interval_steps(reps):
    return [
        {"kind": "warmup", "duration_s": 900.0, "pace_s_per_km": [330.0, 360.0]},
        {"kind": "work", "distance_m": 1000.0, "pace_s_per_km": [235.0, 245.0], "repeat": reps},
        {"kind": "recovery", "duration_s": 120.0, "repeat": reps, "note": "jog"},
        {"kind": "cooldown", "duration_s": 600.0, "pace_s_per_km": [330.0, 360.0]},
    ]


weeks = []
for w in range(8):
    ws = START + dt.timedelta(days=7 * w)
    d = lambda k: ws + dt.timedelta(days=k)
    km = KM[w]
    phase = PHASES[w]
    sessions = []
    ca, ea = strength_a(w, phase)
    heavy = ca == "heavy"
    sessions.append(
        lift(
            f"w{w + 1}-mon-strength",
            d(0),
            "18:00",
            ca,
            60.0 if heavy else 40.0,
            420.0 if heavy else 200.0,
            "Strength A",
            ea,
            ["R2", "R3", "R16"],
        )
    )
    if phase == "race":
        # race week: easy Tue, strides Thu, race Sun
        sessions.append(
            run(
                f"w{w + 1}-tue-run",
                d(1),
                "07:00",
                "easy",
                False,
                40.0,
                6.0,
                160.0,
                easy_steps(40),
                "Easy run",
            )
        )
        sessions.append(
            run(
                f"w{w + 1}-thu-run",
                d(3),
                "07:00",
                "strides",
                False,
                30.0,
                4.0,
                120.0,
                easy_steps(30),
                "Easy run with strides",
            )
        )
        sessions.append(
            run(
                f"w{w + 1}-sun-race",
                d(6),
                "09:00",
                "race",
                True,
                45.0,
                10.0,
                450.0,
                [{"kind": "steady", "distance_m": 10000.0, "pace_s_per_km": [238.0, 245.0]}],
                "Race 10 km",
            )
        )
    else:
        long_km = round(km * 0.35, 1)
        int_km = 10.0 if phase != "taper" else 8.0
        easy_total = round(km - long_km - int_km, 1)
        e1 = round(easy_total / 2, 1)
        e2 = round(easy_total - e1, 1)
        reps = 5 if not DELOAD[w] else 3
        sessions.append(
            run(
                f"w{w + 1}-tue-run",
                d(1),
                "07:00",
                "easy",
                False,
                round(e1 * 5.8),
                e1,
                round(e1 * 5.8) * 3.0,
                easy_steps(round(e1 * 5.8)),
                "Easy run",
            )
        )
        sessions.append(
            run(
                f"w{w + 1}-wed-run",
                d(2),
                "18:00",
                "intervals",
                True,
                60.0,
                int_km,
                480.0,
                interval_steps(reps),
                f"{reps} × 1 km",
            )
        )
        cb, eb = strength_b(w, phase)
        moderate = cb == "moderate"
        sessions.append(
            lift(
                f"w{w + 1}-fri-strength",
                d(4),
                "12:00",
                cb,
                50.0 if moderate else 35.0,
                300.0 if moderate else 150.0,
                "Strength B",
                eb,
                ["R2", "R16"],
            )
        )
        sessions.append(
            run(
                f"w{w + 1}-sat-run",
                d(5),
                "08:00",
                "easy",
                False,
                round(e2 * 5.8),
                e2,
                round(e2 * 5.8) * 3.0,
                easy_steps(round(e2 * 5.8)),
                "Easy run",
            )
        )
        sessions.append(
            run(
                f"w{w + 1}-sun-run",
                d(6),
                "08:00",
                "long",
                False,
                round(long_km * 6.0),
                long_km,
                round(long_km * 6.0) * 4.0,
                easy_steps(round(long_km * 6.0)),
                "Long run",
            )
        )
    if phase == "race":
        cb, eb = strength_b(w, phase)
        sessions.insert(
            2,
            lift(
                f"w{w + 1}-wed-strength",
                d(2),
                "18:00",
                "light",
                30.0,
                120.0,
                "Strength B (light)",
                eb,
            ),
        )
    total = round(sum(s.get("distance_km") or 0 for s in sessions if s["kind"] == "run"), 1)
    weeks.append(
        {
            "index": w,
            "start_date": ws.isoformat(),
            "phase": phase,
            "deload": DELOAD[w],
            "run_km": total,
            "mesocycle": MESO[w],
            "sessions": sessions,
        }
    )

plan = {
    "format_version": "1.0",
    "athlete": "Example Runner",
    "start_date": START.isoformat(),
    "race_date": (START + dt.timedelta(days=55)).isoformat(),
    "race_distance_m": 10000.0,
    "vdot": 52.0,
    "target_time_s": 2400.0,
    "notes": ["Hand-written example: eight weeks to a 10 km race."],
    "weeks": weeks,
    "broken_rules": [],
}
GOOD = plan

with open("tests/data/plans/good.json", "w") as f:
    f.write(json.dumps(GOOD, indent=2, ensure_ascii=False) + "\n")
good = json.loads(json.dumps(GOOD))


def sess(p, sid):
    for w in p["weeks"]:
        for s in w["sessions"]:
            if s["id"] == sid:
                return s
    raise KeyError(sid)


def exn(s, name):
    return next(e for e in s["exercises"] if e["name"] == name)


bad = {}


def mk(name, note):
    p = copy.deepcopy(good)
    p["notes"] = [f"Bad example: {note}"]
    bad[name] = p
    return p


p = mk("c1-hard-flag", "an intervals run marked hard=false (C1).")
sess(p, "w2-wed-run")["hard"] = False
p = mk("c2-totals", "week 4 run_km does not match its runs (C2).")
p["weeks"][3]["run_km"] = 26.0
p = mk("c3-calendar", "a week-1 session dated in week 2 (C3).")
sess(p, "w1-sat-run")["date"] = "2027-03-09"
p = mk("r1-four-lifts", "four strength sessions in week 2 (R1).")
w = p["weeks"][1]
base = copy.deepcopy(sess(p, "w2-fri-strength"))
for sid, day in (("w2-tue-strength", "2027-03-09"), ("w2-thu-strength", "2027-03-11")):
    extra = copy.deepcopy(base)
    extra.update(
        id=sid,
        date=day,
        category="light",
        title="Extra light strength",
        load=150.0,
        duration_min=35.0,
    )
    w["sessions"].append(extra)
p = mk("r2-no-upper-body", "week 2 strength trains no upper body (R2).")
for sid in ("w2-mon-strength", "w2-fri-strength"):
    s = sess(p, sid)
    s["exercises"] = [e for e in s["exercises"] if e["name"] not in ("Pull-up", "Push-up")]
p = mk("r3-heavy-before-intervals", "heavy lifting 23 h before intervals (R3).")
sess(p, "w1-mon-strength")["date"] = "2027-03-02"
p = mk("r4-lift-after-run", "strength after intervals on the same day (R4).")
s = sess(p, "w2-fri-strength")
s["date"] = "2027-03-10"
s["start"] = "19:30"
p = mk("r5-plyo-heavy-day", "box jumps on a heavy lifting day (R5).")
sess(p, "w5-mon-strength")["exercises"].append(
    {
        "name": "Box jump",
        "muscles": ["quads", "glutes", "calves"],
        "sets": 3,
        "reps": 5,
        "rpe": 6.0,
        "plyometric": True,
        "substitutions": ["Squat jump"],
    }
)
p = mk("r7-phase-order", "a build week before a base week (R7).")
p["weeks"][2]["phase"] = "build"
p = mk("r8-deload-not-lighter", "a deload week that runs more than the week before (R8).")
p["weeks"][2]["deload"] = True
p = mk("r9-heavy-in-peak", "heavy strength in a peak week (R9).")
sess(p, "w6-mon-strength")["category"] = "heavy"
p = mk("r11-ramp", "week 2 runs 23 % more than week 1 (R11).")
s = sess(p, "w2-sun-run")
s["distance_km"] = round(s["distance_km"] + 4.0, 1)
p["weeks"][1]["run_km"] = 37.0
p = mk("r12-crunch-heavy-day", "weighted crunches on a heavy day (R12).")
sess(p, "w1-mon-strength")["exercises"].append(
    {
        "name": "Weighted crunch",
        "muscles": ["core"],
        "sets": 3,
        "reps": 12,
        "rpe": 8.0,
        "substitutions": ["Dead bug"],
    }
)
p = mk("r13-supersets", "most of a session in supersets (R13).")
for e in sess(p, "w1-fri-strength")["exercises"][:3]:
    e["superset"] = "A"
p = mk("r14-load-jump", "back squat jumps from 75 % to 85 % e1RM in a week (R14).")
exn(sess(p, "w2-mon-strength"), "Back squat")["pct_e1rm"] = 0.85
p = mk("r16-no-thoracic", "a strength session without thoracic mobility (R16).")
s = sess(p, "w1-fri-strength")
s["mobility"] = [m for m in s["mobility"] if "Thoracic" not in m["name"]]
p = mk("r17-no-substitutions", "an exercise without substitutions (R17).")
exn(sess(p, "w1-mon-strength"), "Pallof press")["substitutions"] = []
for name, p in bad.items():
    with open(f"tests/data/plans/bad-{name}.json", "w") as f:
        f.write(json.dumps(p, indent=2, ensure_ascii=False) + "\n")
p = mk("r15-no-rotation", "the build mesocycle repeats every base exercise (R15).")
s = sess(p, "w5-fri-strength")
s["exercises"] = [e for e in s["exercises"] if e["name"] != "Box jump"]
with open("tests/data/plans/bad-r15-no-rotation.json", "w") as f:
    f.write(json.dumps(p, indent=2, ensure_ascii=False) + "\n")
p = mk(
    "r6-outside-window",
    "a run at noon on a Tuesday, outside the athlete's windows (R6; needs athlete-good.toml).",
)
sess(p, "w3-tue-run")["start"] = "12:00"
with open("tests/data/plans/bad-r6-outside-window.json", "w") as f:
    f.write(json.dumps(p, indent=2, ensure_ascii=False) + "\n")
