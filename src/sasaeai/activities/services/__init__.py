"""Activity services: records and kinds (`records`), reports (`reports`), imports (`imports`).

The names other apps rely on are re-exported here: `ensure_default_kinds`,
`sync_sourced_activity` and `monthly_report`.
"""

from .records import (  # noqa: F401
    DEFAULT_KINDS,
    create_kind,
    create_record,
    delete_record,
    ensure_default_kinds,
    kinds_for,
    last_record_for,
    mark_follow_up_done,
    sync_sourced_activity,
    update_kind,
    update_record,
)
from .reports import annual_report, monthly_report  # noqa: F401
