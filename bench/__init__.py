"""Benchmarks: commands that build data through the app's services and print their figures.

This module only uses the standard library at import time, so that a benchmark run as a script
can call `setup_django()` before it imports anything from Django or sasaeai:

    if __name__ == "__main__":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench import setup_django
        setup_django()
    from bench.generate import generate_municipality  # noqa: E402
"""

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django for a benchmark run as a script and bring the database up to date.

    DATABASE_URL and SASAEAI_DATA_DIR are honoured; without either the benchmark uses its own
    SQLite file under var/bench/ rather than the demo database. DEBUG is off (unless
    SASAEAI_DEBUG says otherwise) so that Django does not keep every query in memory.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("SASAEAI_DATA_DIR", str(PROJECT_DIR / "var" / "bench"))
    os.environ.setdefault("SASAEAI_DEBUG", "0")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise warns without it
    if migrate:
        call_command("migrate", interactive=False, verbosity=0, run_syncdb=True)


def database_label() -> str:
    """A short description of the database in use, for the printed figures."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        return f"PostgreSQL {version} ({connection.settings_dict['NAME']})"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
    return connection.vendor


def machine_label() -> str:
    """Cores, load and Python: the figures mean little without them."""
    import platform

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, Python {platform.python_version()}"


@dataclass
class Timing:
    """Wall-clock times of repeated runs of one operation, in milliseconds."""

    label: str
    samples: list[float]
    error: str = ""  # why the operation could not be timed

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def line(self) -> str:
        if self.error:
            return f"  {self.label:<80} FAILED: {self.error}"
        return f"  {self.label:<80} p50 {self.p50:8.2f} ms   p95 {self.p95:8.2f} ms   (n={len(self.samples)})"


def measure(label: str, operation: Callable[[], object], *, repeat: int = 30, warmup: int = 2) -> Timing:
    """Run `operation` `warmup` times untimed, then `repeat` times timed."""
    for _ in range(warmup):
        operation()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(label, samples)
