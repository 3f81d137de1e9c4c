"""Fiscal years (年度, April–March) and their names in 和暦, through japanera rather than a hand table.

A fiscal year is named after the era of its calendar year: FY2019 began on 平成31年4月1日, but the
era changed on 2019-05-01, and the year is officially 令和元年度. We therefore ask japanera for the
era on 31 December of the starting calendar year. Record dates are local (Asia/Tokyo) dates.
"""

import datetime
import functools

from django.utils import timezone
from japanera import EraDate

FIRST_MONTH = 4
# Calendar months in the order of a fiscal year: 4月 … 12月, 1月 … 3月.
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)


def local_date(value: datetime.date | datetime.datetime) -> datetime.date:
    """The Asia/Tokyo calendar date of `value` (an aware datetime is converted first)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def fiscal_year_of(value: datetime.date | datetime.datetime) -> int:
    day = local_date(value)
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def fiscal_month_index(value: datetime.date) -> int:
    """0 for April … 11 for March."""
    return (value.month - FIRST_MONTH) % 12


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the fiscal year (both inclusive)."""
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)


@functools.lru_cache(maxsize=4096)
def _era_year(day: datetime.date) -> tuple[str, int]:
    era_date = EraDate.from_date(day)
    return era_date.era.kanji, int(era_date.strftime("%-Y"))


def _year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def era_label(fiscal_year: int) -> str:
    """平成29年度 for 2017, 令和元年度 for 2019."""
    era, year = _era_year(datetime.date(fiscal_year, 12, 31))
    return f"{era}{_year_text(year)}年度"


def fiscal_year_label(fiscal_year: int) -> str:
    """ "2017年度（平成29年度）", the way both calendars are printed side by side."""
    return f"{fiscal_year}年度（{era_label(fiscal_year)}）"


def wareki_date(day: datetime.date) -> str:
    """令和元年5月1日; 平成31年4月30日 for the day before."""
    era, year = _era_year(day)
    return f"{era}{_year_text(year)}年{day.month}月{day.day}日"


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


def month_label(month: int) -> str:
    return f"{month}月"
