"""Schedules in RFC 5545 terms: parse BYDAY, describe in natural Japanese, list next dates.

Recurrence is computed by dateutil.rrule; national holidays come from the `holidays` package.
"""

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from dateutil import rrule

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_KANJI = ["月", "火", "水", "木", "金", "土", "日"]
RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
BYDAY_ITEM = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
FREQS = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}


def parse_byday(value: str) -> list[tuple[int | None, int]]:
    """ "2TU,4TU" → [(2, 1), (4, 1)]; raises ValueError for an item that is not RFC 5545 BYDAY."""
    items = []
    for raw in (value or "").replace(" ", "").upper().split(","):
        if not raw:
            continue
        match = BYDAY_ITEM.match(raw)
        if not match:
            raise ValueError(raw)
        nth = int(match.group(1)) if match.group(1) else None
        items.append((nth, DAY_CODES.index(match.group(2))))
    return items


def parse_bymonthday(value: str) -> list[int]:
    days = []
    for raw in (value or "").replace(" ", "").split(","):
        if not raw:
            continue
        day = int(raw)
        if not (1 <= abs(day) <= 31):
            raise ValueError(raw)
        days.append(day)
    return days


def _hm(t: time | None) -> str:
    return f"{t.hour}:{t.minute:02d}" if t else ""


def _days(weekdays: list[int]) -> str:
    return "・".join(DAY_KANJI[d] for d in sorted(set(weekdays))) + "曜"


def _nth(n: int) -> str:
    return "最終" if n == -1 else f"第{n}"


def describe_rule(freq: str, interval: int, byday: str, bymonthday: str) -> str:
    """The rule part in natural Japanese: 毎週水曜, 第2・第4火曜, 毎日（木曜を除く）, 毎月1日・15日."""
    try:
        items = parse_byday(byday)
        monthdays = parse_bymonthday(bymonthday)
    except ValueError:
        return ""
    interval = interval or 1
    plain = sorted({d for n, d in items if n is None})
    if freq in ("DAILY", "WEEKLY") and (freq == "DAILY" or len(plain) >= 5):
        if not plain or len(plain) == 7:
            text = "毎日" if interval == 1 else f"{interval}日ごと"
        else:
            missing = [d for d in range(7) if d not in plain]
            text = f"毎日（{_days(missing)}を除く）"
        return text
    if freq == "WEEKLY":
        if not plain:
            return "毎週" if interval == 1 else f"{interval}週ごと"
        prefix = "毎週" if interval == 1 else ("隔週" if interval == 2 else f"{interval}週ごとの")
        return prefix + _days(plain)
    if freq == "MONTHLY":
        prefix = "毎月" if interval == 1 else f"{interval}か月ごとの"
        if items:
            by_day: dict[int, list[int]] = {}
            for n, d in items:
                by_day.setdefault(d, []).append(n if n is not None else 0)
            parts = []
            for d, ns in by_day.items():
                if 0 in ns:
                    parts.append(f"毎週{DAY_KANJI[d]}曜")
                else:
                    parts.append(
                        "・".join(_nth(n) for n in sorted(ns, key=lambda n: (n < 0, n))) + f"{DAY_KANJI[d]}曜"
                    )
            return prefix + "・".join(parts)
        if monthdays:
            return prefix + "・".join("末日" if d == -1 else f"{d}日" for d in monthdays)
        return prefix
    return ""


def describe_schedule(schedule) -> str:
    """毎週水曜 10:00〜12:00 (with the note for irregular schedules)."""
    text = describe_rule(schedule.freq, schedule.interval, schedule.byday, schedule.bymonthday)
    if schedule.opens_at or schedule.closes_at:
        text += f" {_hm(schedule.opens_at)}〜{_hm(schedule.closes_at)}".rstrip()
    if schedule.note:
        text = f"{text}（{schedule.note}）" if text else schedule.note
    return text.strip() or "不定期"


def schedule_weekdays(schedule) -> set[int]:
    """The weekdays (0 = Monday) on which the schedule can meet."""
    if not schedule.freq:
        return set()
    try:
        items = parse_byday(schedule.byday)
    except ValueError:
        return set()
    if items:
        return {d for _n, d in items}
    if schedule.freq == "DAILY":
        return set(range(7))
    if schedule.freq == "WEEKLY" and schedule.valid_from:
        return {schedule.valid_from.weekday()}
    if schedule.freq == "MONTHLY":
        return set(range(7)) if schedule.bymonthday else set()
    return set()


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.JP(years=year).keys())


def is_national_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def is_year_end(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def closed_on(day: date, closures) -> bool:
    for c in closures:
        if c.kind == "holidays" and is_national_holiday(day):
            return True
        if c.kind == "year_end" and is_year_end(day):
            return True
        if c.kind == "period" and c.starts_on and c.starts_on <= day <= (c.ends_on or c.starts_on):
            return True
    return False


def schedule_rule(schedule, start: date):
    """A dateutil rrule for the schedule from `start`, or None when it has no rule."""
    freq = FREQS.get(schedule.freq)
    if freq is None:
        return None
    items = parse_byday(schedule.byday)
    byweekday = [RRULE_DAYS[d](n) if n is not None else RRULE_DAYS[d] for n, d in items] or None
    bymonthday = parse_bymonthday(schedule.bymonthday) or None
    dtstart = schedule.valid_from or start
    if freq == rrule.MONTHLY and not byweekday and not bymonthday:
        bymonthday = [dtstart.day]
    until = datetime.combine(schedule.valid_to, time(23, 59)) if schedule.valid_to else None
    return rrule.rrule(
        freq,
        interval=schedule.interval or 1,
        byweekday=byweekday,
        bymonthday=bymonthday,
        dtstart=datetime.combine(dtstart, schedule.opens_at or time(0, 0)),
        until=until,
    )


def next_dates(schedules, closures, start: date, count: int = 5, horizon_days: int = 400) -> list[dict]:
    """The next `count` meetings from `start` (inclusive), skipping closures: [{date, schedule, closed}]."""
    closures = list(closures)
    found = []
    limit = datetime.combine(start + timedelta(days=horizon_days), time(23, 59))
    begin = datetime.combine(start, time(0, 0))
    for schedule in schedules:
        try:
            rule = schedule_rule(schedule, start)
        except ValueError:
            continue
        if rule is None:
            continue
        taken = 0
        for occurrence in rule.xafter(begin, inc=True):
            if occurrence > limit or taken >= count:
                break
            if closed_on(occurrence.date(), closures):
                continue
            found.append({"date": occurrence.date(), "schedule": schedule})
            taken += 1
    found.sort(key=lambda f: (f["date"], f["schedule"].opens_at or time(0, 0)))
    return found[:count]


def next_date_on_weekday(weekday: int, today: date) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)
