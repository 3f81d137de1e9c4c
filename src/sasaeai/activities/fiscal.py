"""Fiscal years and 和暦 live in core.fiscal (shared by every app); re-exported for this app's modules."""

from sasaeai.core.fiscal import (  # noqa: F401
    FIRST_MONTH,
    FISCAL_MONTHS,
    current_fiscal_year,
    era_label,
    fiscal_month_index,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    local_date,
    month_label,
    wareki_date,
)
