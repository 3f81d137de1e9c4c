"""Councils at scale: 第N回 numbering under concurrent writers, and the pages of a council with ten years of meetings.

.venv/bin/python bench/councils_meetings.py [--writers 8] [--per-writer 10] [--years 10] [--repeat 20]
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import setup_django

    setup_django()

import argparse  # noqa: E402
import datetime  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from django.db import OperationalError, close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from bench import database_label, machine_label, measure  # noqa: E402
from bench.generate import generate_municipality, remove_municipality, with_check_digit  # noqa: E402
from sasaeai.core.models import Area, Role, StaffRole  # noqa: E402
from sasaeai.councils.models import Council, Meeting  # noqa: E402
from sasaeai.councils.services import councils as council_services  # noqa: E402
from sasaeai.councils.services import meetings as meeting_services  # noqa: E402

CODE = with_check_digit("09982")
AGENDA = [
    ("report", "活動報告"),
    ("discussion", "買い物支援の検討"),
    ("exchange", "意見交換"),
    ("report", "次回予定"),
]


def remove(code: str) -> None:
    from sasaeai.core.models import Municipality

    with scopes_disabled():
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is not None:
            Council.objects.filter(municipality=municipality).delete()  # Council.area is PROTECT
    remove_municipality(code)


def build(city, officer, years: int) -> tuple[Council, int]:
    """One 1st-layer council with 6 meetings a year for `years` years, and a council per district."""
    start = time.perf_counter()
    meetings = 0
    root = Area.objects.get(layer=1)
    l1 = council_services.create_council(
        city, {"name": "第1層協議体", "layer": 1, "area": root}, actor=officer
    )
    for fy in range(2026 - years, 2026):
        for month in (5, 7, 9, 11, 1, 3):
            day = datetime.date(fy if month >= 4 else fy + 1, month, 15)
            m = meeting_services.create_meeting(l1, {"date": day, "status": "held"}, actor=officer)
            for kind, title in AGENDA:
                meeting_services.add_agenda_item(m, {"kind": kind, "title": title}, actor=officer)
            meetings += 1
    for area in Area.objects.filter(layer=2):
        c = council_services.create_council(
            city, {"name": f"{area.name}協議体", "layer": 2, "area": area}, actor=officer
        )
        for fy in range(2024, 2026):
            for month in (6, 12):
                meeting_services.create_meeting(
                    c, {"date": datetime.date(fy, month, 1), "status": "held"}, actor=officer
                )
                meetings += 1
    print(
        f"  built {meetings} meetings in {time.perf_counter() - start:.1f} s (through the services, with activity sync)"
    )
    return l1, meetings


def concurrent_numbering(city, officer, writers: int, per_writer: int) -> None:
    """`writers` threads each create `per_writer` meetings on one council at the same time."""
    with scope(municipality=city):
        council = council_services.create_council(
            city, {"name": "同時書き込み試験", "layer": 1, "area": Area.objects.get(layer=1)}, actor=officer
        )
    barrier = threading.Barrier(writers)
    errors, retries = [], [0]

    def writer(w):
        try:
            barrier.wait()
            for i in range(per_writer):
                while True:
                    try:
                        with scope(municipality=city):
                            meeting_services.create_meeting(
                                council, {"date": datetime.date(2025, 4, 1) + datetime.timedelta(days=w * per_writer + i)},
                                actor=officer,
                            )  # fmt: skip
                        break
                    except OperationalError as exc:  # SQLite: "database is locked" after the busy timeout
                        retries[0] += 1
                        if retries[0] > 1000:
                            raise exc
        except Exception as exc:  # noqa: BLE001 - printed
            errors.append(repr(exc))
        finally:
            close_old_connections()
            connection.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    with scope(municipality=city):
        numbers = sorted(Meeting.objects.filter(council=council).values_list("number", flat=True))
    total = writers * per_writer
    ok = numbers == list(range(1, total + 1))
    print(
        f"  {writers} writers × {per_writer} meetings on one council: {elapsed:.2f} s, "
        f"{total / elapsed:.0f} meetings/s, numbers 1..{total} without gap or duplicate: {ok}, "
        f"retries {retries[0]}, errors {len(errors)}"
    )
    for e in errors[:3]:
        print("   ", e)


def page_timings(city, l1: Council, repeat: int) -> None:
    officer = StaffRole.objects.filter(role=Role.OFFICER).select_related("user").first().user
    client = Client()
    client.force_login(officer)
    base = f"/m/{city.code}/councils"
    api = f"/api/v1/m/{city.code}/councils"
    meeting = l1.meetings.order_by("-date").first()
    urls = [
        ("council list page", f"{base}/"),
        (f"council page (L1, {l1.meetings.count()} meetings)", f"{base}/{l1.pk}/"),
        ("agenda history page (all years, one table)", f"{base}/{l1.pk}/history/"),
        ("agenda history export .xlsx", f"{base}/{l1.pk}/history/export/?format=xlsx"),
        ("upcoming meetings .ics", f"{base}/calendar.ics"),
        ("meeting page", f"{base}/meetings/{meeting.pk}/"),
        ("notice PDF (WeasyPrint)", f"{base}/meetings/{meeting.pk}/notice.pdf"),
        ("API GET councils", api),
        ("API GET meetings?fiscal_year=2024", f"{api}/{l1.pk}/meetings?fiscal_year=2024"),
        ("API GET agenda-history", f"{api}/{l1.pk}/agenda-history"),
    ]
    for label, url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        timing = measure(f"{label} [{len(queries)} queries]", lambda url=url: client.get(url), repeat=repeat)
        print(timing.line())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--per-writer", type=int, default=10)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    print(database_label(), "—", machine_label())
    remove(CODE)
    city = generate_municipality(CODE, 200, 40, seed=1)
    with scope(municipality=city):
        officer = StaffRole.objects.filter(role=Role.OFFICER).select_related("user").first().user
        l1, _n = build(city, officer, args.years)
    concurrent_numbering(city, officer, args.writers, args.per_writer)
    with scope(municipality=city):
        page_timings(city, l1, args.repeat)


if __name__ == "__main__":
    main()
