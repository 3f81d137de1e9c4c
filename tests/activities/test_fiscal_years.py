import datetime
from zoneinfo import ZoneInfo

from sasaeai.core.fiscal import era_label, fiscal_year_label, fiscal_year_of, wareki_date

UTC = datetime.UTC
TOKYO = ZoneInfo("Asia/Tokyo")


def test_march_31_belongs_to_the_old_fiscal_year_and_april_1_to_the_new():
    assert fiscal_year_of(datetime.date(2018, 3, 31)) == 2017
    assert fiscal_year_of(datetime.date(2018, 4, 1)) == 2018


def test_fiscal_years_are_named_in_wareki():
    assert era_label(2017) == "平成29年度"
    assert era_label(2018) == "平成30年度"
    assert era_label(2020) == "令和2年度"
    assert fiscal_year_label(2017) == "2017年度（平成29年度）"


def test_a_fiscal_year_that_begins_in_heisei_31_is_reiwa_gannen():
    assert era_label(2019) == "令和元年度"
    assert fiscal_year_of(datetime.date(2019, 4, 30)) == fiscal_year_of(datetime.date(2019, 5, 1)) == 2019


def test_dates_around_the_era_change_are_written_in_their_own_era():
    assert wareki_date(datetime.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki_date(datetime.date(2019, 5, 1)) == "令和元年5月1日"


def test_a_time_stamp_counts_on_its_tokyo_day():
    # 23:30 on 3/31 in Tokyo is 14:30 UTC the same day; 00:30 on 4/1 in Tokyo is still 3/31 in UTC.
    assert fiscal_year_of(datetime.datetime(2018, 3, 31, 23, 30, tzinfo=TOKYO)) == 2017
    assert fiscal_year_of(datetime.datetime(2018, 3, 31, 14, 30, tzinfo=UTC)) == 2017
    assert fiscal_year_of(datetime.datetime(2018, 3, 31, 15, 30, tzinfo=UTC)) == 2018
