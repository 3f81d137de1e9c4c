"""Directory at scale: staff and public search over 100,000 resources (p50/p95), and the 地域情報マップ
PDF for an area of 200 resources.

.venv/bin/python bench/directory_search.py [--resources 100000] [--repeat 30] [--keep]

The 200 resources of the PDF area (with places, schedules, closures) and a sample of 500 more are
created through `services.create_resource`; the remaining rows are bulk-inserted with the search
columns computed by the same function the service uses (`search_columns_for`), because creating
100,000 rows one by one with their history would take most of an hour. Bulk rows have no history.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import setup_django

    setup_django()

import argparse  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from datetime import time as clock

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from bench import database_label, machine_label, measure  # noqa: E402
from bench.generate import generate_municipality, remove_municipality, with_check_digit  # noqa: E402
from sasaeai.core.models import Area, Municipality  # noqa: E402
from sasaeai.directory import mapsheet, services  # noqa: E402
from sasaeai.directory.models import Category, Closure, Organization, Place, Resource, Schedule  # noqa: E402
from sasaeai.directory.services.search import SearchParams, public_resources, search_resources  # noqa: E402
from sasaeai.directory.services.text import normalise  # noqa: E402

CODE = with_check_digit("09983")
WORDS = [
    ("ふれあいサロン", "定期型サロン"), ("いきいき百歳体操", "体操教室"), ("配食サービス", "配食サービス"),
    ("買い物支援", "移動販売"), ("見守り隊", "見守りネットワーク"), ("絵手紙の会", "絵手紙・手芸"),
    ("囲碁・将棋クラブ", "囲碁・将棋"), ("通院送迎ボランティア", "通院送迎"), ("ごみ出し支援", "ごみ出し"),
    ("歌声喫茶", "歌・音楽"), ("認知症カフェ", "カフェ"), ("ウォーキングの会", "ウォーキング"),
    ("会食会", "会食会"), ("常設サロン", "常設型サロン"), ("園芸クラブ", "園芸・農作業"), ("住まい相談会", "住まい探し"),
]  # fmt: skip
DESCRIPTIONS = [
    "お茶を飲みながらおしゃべりします。", "椅子に座ってできる筋力づくりです。", "手作りのお弁当を届けて安否も確認します。",
    "移動販売車が集会所の前に来ます。", "季節の草花を描いてはがきにします。", "初心者も歓迎します。",
]  # fmt: skip
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def remove(code: str) -> None:
    with scopes_disabled():
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is not None:
            for model in (Schedule, Closure, Resource, Place, Organization, Category):
                qs = model.objects.filter(municipality=municipality)
                if model is Category:
                    qs.filter(parent__isnull=False).delete()
                qs.delete()
            from sasaeai.directory.models import OrganizationType

            OrganizationType.objects.filter(municipality=municipality).delete()
    remove_municipality(code)


def search_columns_for(name: str, reading: str, category: Category, description: str) -> dict:
    """The columns `services.resources.search_columns` would compute for a resource without places."""
    names = sorted({category.name, category.parent.name} if category.parent_id else {category.name})
    parts = [name, reading, *names, description]
    return {
        "search_name": normalise(name)[:200],
        "search_reading": normalise(reading)[:200],
        "search_categories": "|".join(normalise(n) for n in names)[:600],
        "search_text": "|".join(normalise(p) for p in parts if p),
    }


def build(city, officer, total: int, rng: random.Random) -> tuple[Area, dict]:
    started = time.perf_counter()
    services.ensure_defaults(city, actor=officer)
    categories = {c.name: c for c in Category.objects.select_related("parent")}
    areas = list(Area.objects.filter(layer=3).order_by("pk"))
    layer2 = list(Area.objects.filter(layer=2).order_by("pk"))
    pdf_area = layer2[0]
    pdf_towns = [a for a in areas if a.path.startswith(pdf_area.path)] or [pdf_area]
    towns_elsewhere = [a for a in areas if not a.path.startswith(pdf_area.path)]
    lat0, lon0 = 36.38, 139.73

    # 200 resources of one layer-2 area, through the services, with places, schedules and closures.
    through_services = 0
    for i in range(200):
        town = rng.choice(pdf_towns)
        word, category = WORDS[i % len(WORDS)]
        place = services.create_place(
            city, {"name": f"{town.name}集会所{i % 20}", "area": town,
                   "latitude": lat0 + rng.uniform(-0.03, 0.03), "longitude": lon0 + rng.uniform(-0.03, 0.03)},
            actor=officer,
        )  # fmt: skip
        services.create_resource(
            city,
            {"name": f"{town.name}{word}{i}", "description": rng.choice(DESCRIPTIONS), "status": "active",
             "published": True, "area": town, "places": [place], "categories": [categories[category]],
             "schedules": [{"freq": "WEEKLY", "byday": rng.choice(DAYS), "opens_at": clock(10), "closes_at": clock(12)}],
             "closures": [{"kind": "holidays"}] if i % 3 == 0 else [], "phone": f"0285-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"},
            actor=officer,
        )  # fmt: skip
        through_services += 1
    # A sample elsewhere through the services too, then the bulk.
    for i in range(500):
        town = rng.choice(towns_elsewhere)
        word, category = rng.choice(WORDS)
        services.create_resource(
            city,
            {"name": f"{town.name}{word}S{i}", "description": rng.choice(DESCRIPTIONS), "status": "active",
             "published": True, "area": town, "categories": [categories[category]],
             "schedules": [{"freq": "WEEKLY", "byday": rng.choice(DAYS)}]},
            actor=officer,
        )  # fmt: skip
        through_services += 1
    service_seconds = time.perf_counter() - started

    started = time.perf_counter()
    through = Resource.categories.through
    today = date.today()
    batch, links, made = [], [], 0
    remaining = total - through_services
    statuses = ["active"] * 90 + ["paused"] * 4 + ["preparing"] * 3 + ["ended"] * 3
    while made < remaining:
        town = rng.choice(towns_elsewhere)
        word, category_name = rng.choice(WORDS)
        category = categories[category_name]
        name = f"{town.name}{word}{made}"
        description = rng.choice(DESCRIPTIONS)
        has_point = rng.random() < 0.9
        r = Resource(
            municipality=city, name=name, reading="", description=description, area=town,
            status=rng.choice(statuses), published=rng.random() < 0.85,
            last_verified=today - timedelta(days=rng.randint(0, 900)),
            latitude=lat0 + rng.uniform(-0.15, 0.15) if has_point else None,
            longitude=lon0 + rng.uniform(-0.15, 0.15) if has_point else None,
            weekdays="".join(sorted({str(rng.randint(0, 6)) for _ in range(rng.choice([1, 1, 1, 2, 6]))})),
            **search_columns_for(name, "", category, description),
        )  # fmt: skip
        batch.append(r)
        links.append(category.pk)
        made += 1
        if len(batch) == 5000 or made == remaining:
            Resource.objects.bulk_create(batch)
            through.objects.bulk_create(
                [through(resource_id=r.pk, category_id=c) for r, c in zip(batch, links, strict=True)]
            )
            Closure.objects.bulk_create(
                [Closure(municipality=city, resource=r, kind="holidays") for r in batch[::20]]
            )
            batch, links = [], []
    with connection.cursor() as cursor:
        # What autovacuum would have done by the time anyone searches: statistics, and on PostgreSQL
        # the visibility map that lets counts read indexes only.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    bulk_seconds = time.perf_counter() - started
    return pdf_area, {
        "through_services": through_services,
        "service_seconds": service_seconds,
        "bulk_seconds": bulk_seconds,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the data of a previous run")
    args = parser.parse_args(argv)
    rng = random.Random(4)

    with scopes_disabled():
        existing = Municipality.objects.filter(code=CODE).first()
    if existing is None or not args.keep:
        remove(CODE)
        city = generate_municipality(CODE, 1000, 50, seed=1)
    else:
        city = existing
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username=f"b{CODE}-0001")
    with scope(municipality=city):
        if not (args.keep and Resource.objects.exists()):
            pdf_area, built = build(city, officer, args.resources, rng)
            print(
                f"built {Resource.objects.count():,} resources: {built['through_services']} through the services in "
                f"{built['service_seconds']:.1f} s, the rest in bulk in {built['bulk_seconds']:.1f} s"
            )
        else:
            pdf_area = Area.objects.filter(layer=2).order_by("pk").first()
        print(database_label(), "|", machine_label())

        def plain_scan():
            # The floor any search pays without an index: one LIKE scan of the whole table.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM directory_resource WHERE search_text LIKE %s", ["%体操%"]
                )
                return cursor.fetchone()

        print(
            measure(
                "calibration: plain LIKE count over the table (no ORM)", plain_scan, repeat=args.repeat
            ).line()
        )
        layer2 = list(Area.objects.filter(layer=2).order_by("pk"))
        salon = Category.objects.get(name="居場所・サロン")
        everything = Resource.objects.all()
        page = lambda qs, **p: search_resources(qs, SearchParams(**p), limit=50)  # noqa: E731
        staff = [
            ("staff: q=体操 (2 characters)", lambda: page(everything, q="体操")),
            ("staff: q=ｻﾛﾝ (half-width katakana)", lambda: page(everything, q="ｻﾛﾝ")),
            (
                "staff: q=絵手紙 + layer-2 area subtree",
                lambda: page(everything, q="絵手紙", area=rng.choice(layer2)),
            ),
            ("staff: parent category 居場所・サロン (+ children)", lambda: page(everything, category=salon)),
            ("staff: weekday=Wednesday (closures respected)", lambda: page(everything, weekday=2)),
            ("staff: not verified for over a year", lambda: page(everything, stale=True)),
            ("staff: q=配食 + status active", lambda: page(everything, q="配食", status="active")),
            ("staff: near a point, 2 km", lambda: page(everything, near=(36.38, 139.73), radius_m=2000)),
        ]
        public = [
            ("public: q=配食", lambda: page(public_resources(), q="配食")),
            (
                "public: q=さろん + weekday + area",
                lambda: page(public_resources(), q="さろん", weekday=2, area=rng.choice(layer2)),
            ),
            (
                "public: near + category, 1 km",
                lambda: page(public_resources(), near=(36.39, 139.72), radius_m=1000, category=salon),
            ),
        ]
        for label, fn in staff + public:
            print(measure(label, fn, repeat=args.repeat).line())
        counts = {label: fn().count for label, fn in staff + public}
        print("  result counts:", ", ".join(f"{k.split(':')[1].strip()}={v:,}" for k, v in counts.items()))

    import sasaeai.wsgi  # noqa: F401  as a server worker starts: URLconf loaded, start-up objects frozen for the GC

    client = Client()
    client.force_login(officer)
    for label, url in [
        (
            "public API: /services?q=体操&near=…&radius_m=3000",
            f"/api/v1/public/m/{CODE}/services?q=体操&near=36.38,139.73&radius_m=3000",
        ),
        ("public API: /services?q=サロン&weekday=2", f"/api/v1/public/m/{CODE}/services?q=サロン&weekday=2"),
        ("staff API: /services?q=体操", f"/api/v1/m/{CODE}/services?q=体操"),
        ("staff page: resource list ?q=ｻﾛﾝ", f"/m/{CODE}/directory/?q=ｻﾛﾝ"),
        ("public page: /p/ ?q=さろん&weekday=2", f"/p/{CODE}/?q=さろん&weekday=2"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        print(
            measure(
                f"{label} ({len(queries)} queries)", lambda u=url: client.get(u), repeat=args.repeat
            ).line()
        )

    with scope(municipality=city):
        n = search_resources(Resource.objects.all(), SearchParams(area=pdf_area), limit=1).count
        url = f"/m/{CODE}/directory/map.pdf?area={pdf_area.pk}&size=A4"
        sizes = []

        def pdf():
            response = client.get(url)
            sizes.append(len(response.content))
            return response

        timing = measure(
            f"PDF 地域情報マップ A4, area with {n} resources", pdf, repeat=max(3, args.repeat // 6), warmup=1
        )
        print(timing.line(), f"  ({sizes[-1] / 1024:.0f} KiB)")
        with_a3 = measure(
            "PDF 地域情報マップ A3, same area",
            lambda: client.get(url.replace("A4", "A3")),
            repeat=3,
            warmup=0,
        )
        print(with_a3.line())
        sheet = mapsheet.build_sheet(
            Resource.objects.filter(area__path__startswith=pdf_area.path)[:400], pdf_area, [], "A4", ""
        )
        print(f"  sheet: {len(sheet['entries'])} entries, {len(sheet['markers'])} markers")


if __name__ == "__main__":
    main()
