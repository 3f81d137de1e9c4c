"""Fiscal years run April–March, are named in 和暦, and a record's date is taken in Asia/Tokyo."""

import datetime
from zoneinfo import ZoneInfo

from sasaeai.core.fiscal import era_label, fiscal_year_bounds, fiscal_year_label, fiscal_year_of, wareki_date


def test_the_fiscal_year_turns_on_the_first_of_april():
    assert fiscal_year_of(datetime.date(2018, 3, 31)) == 2017
    assert fiscal_year_of(datetime.date(2018, 4, 1)) == 2018
    assert fiscal_year_bounds(2017) == (datetime.date(2017, 4, 1), datetime.date(2018, 3, 31))


def test_late_evening_on_the_31st_of_march_in_tokyo_is_still_the_old_year():
    moment = datetime.datetime(2018, 3, 31, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert fiscal_year_of(moment.astimezone(datetime.UTC)) == 2017


def test_the_year_that_began_in_heisei_31_is_reiwa_gannen():
    assert era_label(2017) == "平成29年度"
    assert era_label(2018) == "平成30年度"
    assert era_label(2019) == "令和元年度"
    assert era_label(2020) == "令和2年度"
    assert fiscal_year_label(2019) == "2019年度（令和元年度）"


def test_dates_around_the_era_change():
    assert wareki_date(datetime.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki_date(datetime.date(2019, 5, 1)) == "令和元年5月1日"
