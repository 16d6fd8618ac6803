"""FIT activity files → ``Activity`` (one per FIT ``session`` message).

Reads ``file_id`` (file type, device), ``session`` (sport and totals),
``lap``, ``record`` (streams), ``set`` (strength sets) and ``sport`` (fallback
sport when a file has no session). Raises ``FormatProblem`` with a reason, or
``NotActivityProblem`` for course/monitoring/settings files; ``parse.py``
turns them into the public errors. Units: see docs/file-formats.md.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence

from runstrong.core.model import Activity, Lap, SetEntry, Streams
from runstrong.core.science.plausibility import HEART_RATE_RANGE, POWER_RANGE, cadence_range
from runstrong.importers import _fitdecoder as fd
from runstrong.importers._plausible import Dropped
from runstrong.importers._problems import FormatProblem, NotActivityProblem
from runstrong.importers._samples import _max, _mean
from runstrong.importers.geo import elevation_gain_m
from runstrong.importers.names import (
    STEP_CADENCE_SPORTS,
    device_label,
    enum_name,
    exercise_name,
    fit_sub_sport_label,
    sport_from_fit,
)

_SEMICIRCLE_DEG = 180.0 / 2**31
_FILE_ACTIVITY = 4
_SET_ACTIVE = 1

Message = fd.Message


def _utc(fit_ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(fit_ts + fd.FIT_EPOCH_S, tz=dt.UTC)


def _num(msg: Message, key: int) -> int | None:
    v = msg.get(key)
    if isinstance(v, tuple):
        v = v[0] if v else None
    return v if isinstance(v, int) else None


def _scaled(msg: Message, key: int, scale: float, offset: float = 0.0) -> float | None:
    v = _num(msg, key)
    return None if v is None else v / scale - offset


def decode_fit(data: bytes) -> fd.FitMessages:
    """Decode and integrity-check a FIT file (raises ``FormatProblem``)."""
    try:
        return fd.decode(data)
    except fd.FitFormatError as exc:
        raise FormatProblem(str(exc)) from None


def parse_fit(data: bytes, source_hash: str, warnings: list[str] | None = None) -> list[Activity]:
    """All activities of one FIT file, in session order.

    A damaged file (wrong CRC, cut short, a broken message or later segment) yields
    what was read before the damage, named by each activity's ``damage`` and a line
    in ``warnings`` (as are repeated segments, read once, and readings no human
    produces, dropped: ``_plausible``); with nothing read it raises ``FormatProblem``.
    """
    msgs = decode_fit(data)
    file_ids = msgs.get(fd.MSG_FILE_ID)
    file_id = file_ids[0] if file_ids else {}
    ftype = _num(file_id, 0)
    if ftype is not None and ftype != _FILE_ACTIVITY:
        kind = enum_name("file", ftype) or f"type {ftype}"
        raise NotActivityProblem(f"not an activity: FIT {kind} file")
    damage = _repeats_and_damage(msgs, warnings)
    dropped = Dropped()
    device = device_label(_num(file_id, 1), _num(file_id, 2))
    records = [r for r in msgs.get(fd.MSG_RECORD) if type(r.get(253)) is int]
    records.sort(key=lambda r: r[253])  # type: ignore[arg-type,return-value]
    sessions = [s for s in msgs.get(fd.MSG_SESSION) if _session_start(s, records) is not None]
    if not sessions:
        if not records:
            raise FormatProblem("FIT activity file holds no sessions and no timed records")
        sessions = [_session_from_records(msgs, records)]
    sessions.sort(key=lambda s: _session_start(s, records) or 0)
    multi = len(sessions) > 1
    rec_ts: list[int] = [r[253] for r in records]  # type: ignore[misc]
    sets = _active_sets(msgs.get(fd.MSG_SET))
    laps = msgs.get(fd.MSG_LAP)
    out: list[Activity] = []
    for i, sess in enumerate(sessions):
        start_ts = _session_start(sess, records)
        assert start_ts is not None
        elapsed_s = _scaled(sess, 7, 1000)
        if elapsed_s is None:
            stamp = _num(sess, 253)
            elapsed_s = float(stamp - start_ts) if stamp is not None else 0.0
        last = i == len(sessions) - 1
        end_ts = start_ts + elapsed_s
        lo = bisect.bisect_left(rec_ts, start_ts)
        hi = bisect.bisect_right(rec_ts, end_ts) if last else bisect.bisect_left(rec_ts, end_ts)
        if not last:
            next_start = _session_start(sessions[i + 1], records) or end_ts
            hi = min(hi, bisect.bisect_left(rec_ts, next_start))
        sport_num, sub_num = _num(sess, 5), _num(sess, 6)
        sport = sport_from_fit(sport_num, sub_num)
        steps = sport in STEP_CADENCE_SPORTS
        streams = _streams(records[lo:hi], start_ts, steps, dropped)
        gain = _num(sess, 22)
        my_sets = _sets_for(sets, start_ts, end_ts, i, len(sessions))
        avg_hr, max_hr, cadence, power = _sensor_summary(sess, streams, steps, dropped)
        out.append(
            Activity(
                sport=sport,
                sub_sport=fit_sub_sport_label(sport_num, sub_num, sport),
                start=_utc(start_ts),
                duration_s=elapsed_s,
                moving_time_s=_scaled(sess, 8, 1000),
                distance_m=_scaled(sess, 9, 100) if 9 in sess else _last(streams.distance_m),
                elevation_gain_m=float(gain)
                if gain is not None
                else elevation_gain_m(streams.altitude_m),
                avg_hr_bpm=avg_hr,
                max_hr_bpm=max_hr,
                avg_cadence_spm=cadence,
                avg_power_w=power,
                calories_kcal=_float(_num(sess, 11)),
                device=device,
                source_hash=source_hash,
                event_id=source_hash if multi else None,
                leg_index=i,
                damage=damage,
                laps=_laps(laps, start_ts, end_ts, steps, dropped),
                sets=my_sets,
                streams=streams,
            )
        )
    dropped.report(warnings)
    return out


def _repeats_and_damage(msgs: fd.FitMessages, warnings: list[str] | None) -> str | None:
    """Read repeated segments once and note the damage (``warnings``); the damage, or None."""
    repeats = _drop_repeats(msgs) if msgs.segments > 1 else None
    if repeats is not None and warnings is not None:
        warnings.append(repeats)
    if msgs.damage:
        _note_damage(msgs, warnings)
    return "; ".join(msgs.damage) or None


def _sensor_summary(
    sess: Message, streams: Streams, steps: bool, dropped: Dropped
) -> tuple[float | None, float | None, float | None, float | None]:
    """Average and maximum heart rate, average cadence and power of a session: its own
    values where plausible, else from the records (some devices, e.g. Fenix 2, leave
    the summary fields out)."""
    return (
        _or(
            dropped.heart_rate(_float(_num(sess, 16)), "session average"),
            _mean(streams.heart_rate_bpm),
        ),
        _or(
            dropped.heart_rate(_float(_num(sess, 17)), "session maximum"),
            _max(streams.heart_rate_bpm),
        ),
        _or(
            dropped.cadence(_cadence(sess, 18, 92, steps), steps, "session average"),
            _mean(streams.cadence_spm),
        ),
        _or(
            dropped.power(_float(_num(sess, 20)), "session average"),
            _mean(streams.power_w),
        ),
    )


def _drop_repeats(msgs: fd.FitMessages) -> str | None:
    """Read once the records, laps and sessions a chained segment repeats word for word
    (a file holding the same activity twice); what was repeated, or None."""
    counts = []
    for num, label in ((fd.MSG_RECORD, "record"), (fd.MSG_LAP, "lap"), (fd.MSG_SESSION, "session")):
        seen: set[tuple[tuple[int, object], ...]] = set()
        kept = []
        for msg in msgs.get(num):
            key = tuple(msg.items())  # same definition, same field order
            if key not in seen:
                seen.add(key)
                kept.append(msg)
        repeated = len(msgs.get(num)) - len(kept)
        if repeated:
            msgs.by_num[num] = kept
            counts.append(f"{repeated:,} {label}{'s' if repeated != 1 else ''}")
    if not counts:
        return None
    listed = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
    return f"the file repeats {listed} (a FIT segment written again): each read once"


def _note_damage(msgs: fd.FitMessages, warnings: list[str] | None) -> None:
    what = "; ".join(msgs.damage)
    n = len(msgs.get(fd.MSG_RECORD))
    if not n and not msgs.get(fd.MSG_SESSION):
        raise FormatProblem(f"{what}; no complete record or session before the damage")
    if warnings is not None:
        warnings.append(f"damaged FIT file ({what}): imported the {n:,} complete records read")


def _float(v: int | None) -> float | None:
    return None if v is None else float(v)


def _last(values: Sequence[float | None]) -> float | None:
    for v in reversed(values):
        if v is not None:
            return v
    return None


def _cadence(msg: Message, whole: int, frac: int, steps: bool) -> float | None:
    """Average cadence; FIT running cadence counts one foot, so ×2 → steps/min."""
    c = _num(msg, whole)
    if c is None:
        return None
    value = c + (_num(msg, frac) or 0) / 128
    return value * 2 if steps else float(value)


def _session_start(sess: Message, records: Sequence[Message]) -> int | None:
    start = _num(sess, 2)
    if start is not None:
        return start
    end, elapsed = _num(sess, 253), _scaled(sess, 7, 1000)
    if end is not None and elapsed is not None:
        return int(end - elapsed)
    return _num(records[0], 253) if records else None


def _session_from_records(msgs: fd.FitMessages, records: Sequence[Message]) -> Message:
    """A stand-in session for files that carry records but no session message."""
    first, last = _num(records[0], 253) or 0, _num(records[-1], 253) or 0
    sess: Message = {2: first, 7: (last - first) * 1000, 253: last}
    sports = msgs.get(fd.MSG_SPORT)
    if sports:
        for key in (0, 1):
            v = _num(sports[0], key)
            if v is not None:
                sess[5 + key] = v
    return sess


def _column(records: Sequence[Message], key: int) -> list[int | None]:
    """One field of every record; non-integer oddities (arrays, bytes) become None."""
    return [v if type(v) is int else None for v in (r.get(key) for r in records)]


def _either(records: Sequence[Message], enhanced: int, plain: int) -> list[int | None]:
    """The ``enhanced_*`` field where present, else the 16-bit original."""
    if not any(enhanced in r for r in records):
        return _column(records, plain)
    return [v if type(v) is int else None for v in (r.get(enhanced, r.get(plain)) for r in records)]


def _scale(values: list[int | None], scale: float, offset: float = 0.0) -> tuple[float | None, ...]:
    if all(v is None for v in values):
        return ()
    return tuple(None if v is None else v / scale - offset for v in values)


def _ints(values: list[int | None]) -> tuple[int | None, ...]:
    return () if all(v is None for v in values) else tuple(values)


def _times(values: list[int | None], factor: int) -> list[int | None]:
    return values if factor == 1 else [None if v is None else v * factor for v in values]


def _streams(records: Sequence[Message], start_ts: int, steps: bool, dropped: Dropped) -> Streams:
    """Record series of one session. Scales and offsets are the FIT profile's
    (altitude /5 − 500 m, distance /100 m, speed /1000 m/s, position in semicircles);
    heart rate, cadence and power no human produces are dropped (``dropped``)."""
    if not records:
        return Streams()
    t_s = tuple(float(r[253] - start_ts) for r in records)  # type: ignore[operator]
    speed_s = _scale(_either(records, 73, 6), 1000)
    dist_s = _scale(_column(records, 5), 100)
    if not dist_s and any(8 in r for r in records):
        speed_s, dist_s = _compressed_speed_distance(records)
    return Streams(
        t_s=t_s,
        lat_deg=_scale(_column(records, 0), 1 / _SEMICIRCLE_DEG),
        lon_deg=_scale(_column(records, 1), 1 / _SEMICIRCLE_DEG),
        altitude_m=_scale(_either(records, 78, 2), 5, 500),
        distance_m=dist_s,
        speed_m_s=speed_s,
        heart_rate_bpm=_ints(dropped.channel(_column(records, 3), HEART_RATE_RANGE)),
        cadence_spm=_ints(
            dropped.channel(_times(_column(records, 4), 2 if steps else 1), cadence_range(steps))
        ),
        power_w=_ints(dropped.channel(_column(records, 7), POWER_RANGE)),
    )


def _compressed_speed_distance(
    records: Sequence[Message],
) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """Record field 8 (FIT profile "compressed_speed_distance", 3 bytes): speed in
    1/100 m/s (12 bits) and a rolling 12-bit distance in 1/16 m, accumulated here."""
    speeds: list[float | None] = []
    dists: list[float | None] = []
    total = 0.0
    prev: int | None = None
    for r in records:
        raw = r.get(8)
        if not isinstance(raw, bytes) or len(raw) != 3:
            speeds.append(None)
            dists.append(None if prev is None else total)
            continue
        speeds.append((raw[0] | (raw[1] & 0x0F) << 8) / 100)
        rolling = (raw[1] >> 4) | raw[2] << 4
        if prev is not None:
            total += ((rolling - prev) % 4096) / 16
        prev = rolling
        dists.append(total)
    return tuple(speeds), tuple(dists)


def _laps(
    laps: Sequence[Message], start_ts: int, end_ts: float, steps: bool, dropped: Dropped
) -> tuple[Lap, ...]:
    """The session's laps in time order, without values no human produces (``dropped``)."""
    out = []
    for lap in laps:
        ls = _num(lap, 2)
        if ls is None or not (start_ts <= ls < end_ts or (ls == start_ts == end_ts)):
            continue
        speed = _scaled(lap, 110, 1000) if 110 in lap else _scaled(lap, 13, 1000)
        out.append(
            Lap(
                start=_utc(ls),
                duration_s=_scaled(lap, 7, 1000) or 0.0,
                distance_m=_scaled(lap, 9, 100),
                avg_hr_bpm=_float(_num(lap, 15)),
                max_hr_bpm=_float(_num(lap, 16)),
                avg_speed_m_s=speed,
                avg_cadence_spm=_cadence(lap, 17, 80, steps),
                avg_power_w=_float(_num(lap, 19)),
            )
        )
    out.sort(key=lambda lap: lap.start)
    return tuple(dropped.lap(lap, k, steps) for k, lap in enumerate(out))


def _active_sets(messages: Sequence[Message]) -> list[tuple[int | None, SetEntry]]:
    """Active FIT ``set`` messages as ``SetEntry`` (rest sets are skipped)."""
    out: list[tuple[int | None, SetEntry]] = []
    for msg in messages:
        if _num(msg, 5) != _SET_ACTIVE:
            continue
        when = _num(msg, 6) if 6 in msg else _num(msg, 254)
        out.append(
            (
                when,
                SetEntry(
                    exercise=exercise_name(_num(msg, 7), _num(msg, 8)),
                    reps=_num(msg, 3),
                    load_kg=_scaled(msg, 4, 16) or None,  # 0 kg = body weight only
                    duration_s=_scaled(msg, 0, 1000),
                    start=_utc(when) if when is not None else None,
                ),
            )
        )
    return out


def _sets_for(
    sets: Sequence[tuple[int | None, SetEntry]], start_ts: int, end_ts: float, i: int, n: int
) -> tuple[SetEntry, ...]:
    """Sets of one session: all of them for a single session, else those timed inside it."""
    chosen = [
        entry
        for when, entry in sets
        if n == 1 or (when is not None and start_ts <= when < end_ts) or (when is None and i == 0)
    ]
    return tuple(dataclasses.replace(s, order=k) for k, s in enumerate(chosen))


def _or(summary: float | None, from_records: float | None) -> float | None:
    """The session message's value, else the one from the records: some devices (Fenix 2)
    write heart rate, cadence and power per record but leave the summary fields out."""
    return summary if summary is not None else from_records
