"""Fiscal years (年度, April–March) and their 和暦 labels, as municipalities print them."""

import datetime

from japanera import EraDate


def fiscal_year_of(day: datetime.date) -> int:
    """The 年度 a date falls in: 2021-03-31 → 2020, 2021-04-01 → 2021."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(fiscal_year: int) -> str:
    """令和2年度 for 2020; 令和元年度 for 2019 (the era in force when the year ends, as 年度 are named)."""
    era = EraDate.from_date(datetime.date(fiscal_year + 1, 3, 31)).era
    number = fiscal_year - era.since.year + 1
    if number < 1:  # the era began in the last months of the year (昭和64 → 平成元): keep the old one
        era = EraDate.from_date(datetime.date(fiscal_year, 4, 1)).era
        number = fiscal_year - era.since.year + 1
    return f"{era.kanji}{'元' if number == 1 else number}年度"


def fiscal_year_range(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)
