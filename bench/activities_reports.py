"""Monthly and annual reports over 1,000,000 activity records of 200 coordinators.

    .venv/bin/python bench/activities_reports.py [--records 1000000] [--years 2] [--repeat 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sasaeai_bench .venv/bin/python bench/activities_reports.py

The city (1,000 areas, 200 staff) comes from bench/generate.py through the services. The records
are NOT written through `create_record`: a million rows through the service (validation, history
rows, one transaction each) would take hours, so they are written with `bulk_create` in batches,
with `fiscal_year`/`month` derived exactly as `ActivityRecord.save()` does and no history rows.
Every one of the 200 staff users is used as a coordinator. The reports are then timed through
the same service functions, API and page the app uses.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import setup_django

    setup_django()

import argparse  # noqa: E402
import datetime  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from bench import database_label, machine_label, measure  # noqa: E402
from bench.generate import generate_municipality, remove_municipality, with_check_digit  # noqa: E402
from sasaeai.activities import services  # noqa: E402
from sasaeai.activities.models import ActivityCoordinator, ActivityKind, ActivityRecord  # noqa: E402
from sasaeai.core.fiscal import fiscal_year_bounds, fiscal_year_of  # noqa: E402
from sasaeai.core.models import Area, Layer, Municipality  # noqa: E402

CODE = with_check_digit("09983")
LAST_YEAR = 2025
# Shares of the kinds, roughly Minato-ku's table (visits and consultations dominate).
KIND_WEIGHTS = {
    "visit": 45, "consultation": 20, "liaison": 15, "other": 6, "workshop": 4, "coordinator_meeting": 3,
    "community_care_meeting": 3, "training": 2, "council_l2": 1.2, "council_l1": 0.3, "symposium": 0.05,
}  # fmt: skip
BATCH = 20_000


def remove(code: str) -> None:
    """Records PROTECT their area and kind: delete them (raw, fast) before the city goes."""
    with scopes_disabled():
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is not None:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for table in ("activitycoordinator", "activityresource"):
                        cursor.execute(
                            f"DELETE FROM activities_{table} WHERE municipality_id = %s", [municipality.pk]
                        )
                    cursor.execute(
                        "DELETE FROM activities_activityrecord WHERE municipality_id = %s", [municipality.pk]
                    )
                ActivityKind.objects.filter(municipality=municipality).delete()
    remove_municipality(code)


def build(city, records: int, years: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    users = list(get_user_model().objects.filter(username__startswith=f"b{city.code}-").order_by("pk"))
    services.ensure_default_kinds(city)
    kinds = {k.code: k.pk for k in ActivityKind.objects.all()}
    codes = list(KIND_WEIGHTS)
    weights = [KIND_WEIGHTS[c] for c in codes]
    areas = list(Area.objects.order_by("path"))
    towns = [a.pk for a in areas if a.layer == Layer.NEIGHBOURHOOD]
    districts = [a.pk for a in areas if a.layer == Layer.DAILY_LIFE_AREA]
    root = next(a.pk for a in areas if a.layer == Layer.MUNICIPALITY)
    first, _ = fiscal_year_bounds(LAST_YEAR - years + 1)
    _, last = fiscal_year_bounds(LAST_YEAR)
    span = (last - first).days + 1
    start = time.perf_counter()
    next_id = (ActivityRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    made = 0
    links = 0
    while made < records:
        n = min(BATCH, records - made)
        batch, batch_links = [], []
        for i in range(n):
            day = first + datetime.timedelta(days=rng.randrange(span))
            r = rng.random()
            area_id = (
                rng.choice(towns)
                if r < 0.7
                else rng.choice(districts)
                if r < 0.9
                else (root if r < 0.95 else None)
            )
            pk = next_id + made + i
            batch.append(
                ActivityRecord(
                    pk=pk,
                    municipality_id=city.pk,
                    date=day,
                    kind_id=kinds[rng.choices(codes, weights)[0]],
                    area_id=area_id,
                    summary="",
                    fiscal_year=fiscal_year_of(day),
                    month=day.month,
                    duration_minutes=60,
                    created_by_id=None,
                )  # fmt: skip
            )
            people = rng.sample(users, 2) if rng.random() < 0.2 else [rng.choice(users)]
            for user in people:
                batch_links.append(
                    ActivityCoordinator(municipality_id=city.pk, record_id=pk, user_id=user.pk)
                )
        with transaction.atomic():
            ActivityRecord.objects.bulk_create(batch)
            ActivityCoordinator.objects.bulk_create(batch_links)
        made += n
        links += len(batch_links)
    build_seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE activities_activityrecord"
        )
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE activities_activitycoordinator")
            cursor.execute("VACUUM ANALYZE core_area")
    return {
        "records": made,
        "links": links,
        "seconds": build_seconds,
        "analyze": time.perf_counter() - start - build_seconds,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=2, help="fiscal years the records are spread over")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep an already built city")
    args = parser.parse_args(argv)

    with scopes_disabled():
        exists = Municipality.objects.filter(code=CODE).exists()
    if not (args.reuse and exists):
        remove(CODE)
        start = time.perf_counter()
        city = generate_municipality(CODE, 1000, 200, seed=1)
        print(f"city generated in {time.perf_counter() - start:.1f} s")
        with scope(municipality=city):
            built = build(city, args.records, args.years)
        print(
            f"{built['records']:,} records and {built['links']:,} coordinator links written with bulk_create "
            f"in {built['seconds']:.1f} s (ANALYZE {built['analyze']:.1f} s)"
        )
    with scopes_disabled():
        city = Municipality.objects.get(code=CODE)
    print(database_label(), "|", machine_label())
    with scope(municipality=city):
        total = ActivityRecord.objects.filter(municipality=city).count()
        in_year = ActivityRecord.objects.filter(municipality=city, fiscal_year=LAST_YEAR).count()
        district = max(
            Area.objects.filter(layer=Layer.DAILY_LIFE_AREA),
            key=lambda a: Area.objects.filter(path__startswith=a.path).count(),
        )
        officer = get_user_model().objects.get(username=f"b{CODE}-0001")
        busiest = (
            ActivityCoordinator.objects.filter(municipality=city)
            .values_list("user_id", flat=True)
            .order_by("user_id")
            .first()
        )
        print(f"{total:,} records in the city, {in_year:,} of them in FY{LAST_YEAR}; coordinators: 200")
        y = LAST_YEAR
        lines = [
            measure(f"monthly_report FY{y}, whole city", lambda: services.monthly_report(city, y), repeat=args.repeat),
            measure(f"monthly_report FY{y}, area subtree ({district.name})", lambda: services.monthly_report(city, y, area=district), repeat=args.repeat),
            measure(f"monthly_report FY{y}, one coordinator", lambda: services.monthly_report(city, y, coordinator=busiest), repeat=args.repeat),
            measure(f"monthly_report FY{y}, layer 3", lambda: services.monthly_report(city, y, layer=3), repeat=args.repeat),
            measure(f"monthly_report FY{y}, layer 1 (incl. no area)", lambda: services.monthly_report(city, y, layer=1), repeat=args.repeat),
            measure(f"monthly_report FY{y}, area + coordinator + layer", lambda: services.monthly_report(city, y, area=district, coordinator=busiest, layer=3), repeat=args.repeat),
            measure(f"annual_report FY{y}, whole city (+ previous year, sections)", lambda: services.annual_report(city, y), repeat=max(5, args.repeat // 2)),
            measure(f"annual_report FY{y}, area subtree", lambda: services.annual_report(city, y, area=district), repeat=max(5, args.repeat // 2)),
        ]  # fmt: skip
    client = Client()
    client.force_login(officer)
    api_url = f"/api/v1/m/{CODE}/reports/monthly?fiscal_year={LAST_YEAR}"
    page_url = f"/m/{CODE}/activities/reports/monthly/?fiscal_year={LAST_YEAR}"
    annual_url = f"/m/{CODE}/activities/reports/annual/?fiscal_year={LAST_YEAR}"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(api_url).status_code == 200
    lines.append(
        measure(
            f"GET {api_url.split(CODE)[1]} ({len(queries)} queries)",
            lambda: client.get(api_url),
            repeat=args.repeat,
        )
    )
    lines.append(measure("GET monthly report page", lambda: client.get(page_url), repeat=args.repeat))
    lines.append(
        measure("GET annual report page", lambda: client.get(annual_url), repeat=max(5, args.repeat // 2))
    )
    lines.append(
        measure(
            "GET monthly report .xlsx",
            lambda: client.get(page_url + "&format=xlsx"),
            repeat=max(5, args.repeat // 2),
        )
    )
    lines.append(
        measure("GET monthly report PDF", lambda: client.get(page_url + "&format=pdf"), repeat=5, warmup=1)
    )
    for line in lines:
        print(line.line())


if __name__ == "__main__":
    main()
