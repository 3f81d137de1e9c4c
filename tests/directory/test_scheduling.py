"""Schedules read as natural Japanese and give next dates that respect closures."""

from datetime import date, time
from types import SimpleNamespace

from sasaeai.directory.models import Closure
from sasaeai.directory.scheduling import describe_schedule, next_dates, schedule_weekdays


def rule(**kw):
    base = {"freq": "WEEKLY", "interval": 1, "byday": "", "bymonthday": "", "opens_at": None, "closes_at": None,
            "valid_from": None, "valid_to": None, "note": ""}  # fmt: skip
    base.update(kw)
    return SimpleNamespace(**base)


def test_a_weekly_wednesday_morning_reads_as_maishu_suiyo_with_times():
    assert (
        describe_schedule(rule(byday="WE", opens_at=time(10), closes_at=time(12))) == "毎週水曜 10:00〜12:00"
    )


def test_the_second_and_fourth_tuesday_read_as_dai2_dai4_kayo():
    assert describe_schedule(rule(freq="MONTHLY", byday="2TU,4TU")) == "毎月第2・第4火曜"


def test_every_day_but_thursday_reads_as_mainichi_except_thursday():
    assert describe_schedule(rule(freq="DAILY", byday="MO,TU,WE,FR,SA,SU")) == "毎日（木曜を除く）"


def test_other_rules_read_naturally():
    assert describe_schedule(rule(byday="MO,TH")) == "毎週月・木曜"
    assert describe_schedule(rule(byday="FR", interval=2)) == "隔週金曜"
    assert describe_schedule(rule(freq="MONTHLY", byday="-1FR")) == "毎月最終金曜"
    assert describe_schedule(rule(freq="MONTHLY", bymonthday="1,15")) == "毎月1日・15日"
    assert describe_schedule(rule(freq="DAILY")) == "毎日"
    assert describe_schedule(rule(freq="", note="予約制")) == "予約制"


def test_next_dates_of_a_weekly_rule_are_the_coming_wednesdays():
    found = next_dates([rule(byday="WE")], [], date(2026, 11, 2), count=3)
    assert [f["date"] for f in found] == [date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)]


def test_next_dates_skip_national_holidays_when_the_resource_closes_on_them():
    # 2026-11-23 (Monday) is 勤労感謝の日.
    closures = [Closure(kind="holidays")]
    found = next_dates([rule(byday="MO")], closures, date(2026, 11, 16), count=2)
    assert [f["date"] for f in found] == [date(2026, 11, 16), date(2026, 11, 30)]


def test_next_dates_skip_the_new_year_break_and_a_cancelled_date():
    closures = [Closure(kind="year_end"), Closure(kind="period", starts_on=date(2027, 1, 6))]
    found = next_dates([rule(byday="WE")], closures, date(2026, 12, 28), count=2)
    assert [f["date"] for f in found] == [date(2027, 1, 13), date(2027, 1, 20)]


def test_the_second_and_fourth_tuesdays_of_a_month_are_found_by_rrule():
    found = next_dates([rule(freq="MONTHLY", byday="2TU,4TU")], [], date(2026, 12, 1), count=2)
    assert [f["date"] for f in found] == [date(2026, 12, 8), date(2026, 12, 22)]


def test_a_schedule_ends_on_its_valid_to_date():
    found = next_dates([rule(byday="WE", valid_to=date(2026, 11, 11))], [], date(2026, 11, 1), count=5)
    assert [f["date"] for f in found] == [date(2026, 11, 4), date(2026, 11, 11)]


def test_weekdays_of_a_schedule():
    assert schedule_weekdays(rule(freq="DAILY", byday="MO,TU,WE,FR,SA,SU")) == {0, 1, 2, 4, 5, 6}
    assert schedule_weekdays(rule(freq="MONTHLY", byday="2TU")) == {1}
    assert schedule_weekdays(rule(freq="", note="随時")) == set()
