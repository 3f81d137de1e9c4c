"""Build a large fictional municipality through the app's services, then time foundation queries.

    .venv/bin/python bench/generate.py --areas 1000 --staff 200 [--code 09980] [--replace]

Other benchmarks import `generate_municipality(code, areas, staff, seed=…)` to get the same city.
Every row goes through `core.services` (create_area, set_population, create_staff_user,
grant_role) inside `scope(municipality=…)`, so validation, materialised paths and history rows
cost what they cost in the app.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import setup_django

    setup_django()

import argparse  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from bench import Timing, database_label, machine_label, measure  # noqa: E402
from sasaeai.core.models import (  # noqa: E402
    Area,
    AreaPopulation,
    AuditEvent,
    Layer,
    Municipality,
    Role,
    StaffRole,
    validate_local_government_code,
)
from sasaeai.core.permissions import Access  # noqa: E402
from sasaeai.core.services import areas as area_services  # noqa: E402
from sasaeai.core.services import staff as staff_services  # noqa: E402

User = get_user_model()

DEFAULT_CODE = "09980"  # prefecture 09 (栃木県) with a city number no real municipality uses
DEFAULT_YEARS = (2024, 2025)

# Share of each role among the staff of a mid-sized city: many coordinators and centre staff in
# the districts, a council around them, a few officers and coordinators for the whole city.
ROLE_MIX = {
    Role.OFFICER: 0.08,
    Role.COORDINATOR_L1: 0.04,
    Role.COORDINATOR_L2: 0.27,
    Role.CENTER_STAFF: 0.25,
    Role.COUNCIL_MEMBER: 0.25,
    Role.VIEWER: 0.10,
    Role.ADMIN: 0.01,
}
COUNCIL_TITLES = ["民生委員・児童委員", "自治会連合会", "老人クラブ連合会", "ボランティア連絡会", "NPO法人", "商工会", "シルバー人材センター"]  # fmt: skip

# Fictional place names: prefix × suffix (with readings), numbered 丁目 when they run out.
PREFIXES = [
    ("本", "もと"), ("新", "しん"), ("東", "ひがし"), ("西", "にし"), ("南", "みなみ"), ("北", "きた"),
    ("上", "かみ"), ("下", "しも"), ("中", "なか"), ("大", "おお"), ("小", "こ"), ("若", "わか"),
    ("桜", "さくら"), ("緑", "みどり"), ("松", "まつ"), ("梅", "うめ"), ("竹", "たけ"), ("青", "あお"),
    ("旭", "あさひ"), ("栄", "さかえ"),
]  # fmt: skip
SUFFIXES = [
    ("町", "まち"), ("台", "だい"), ("原", "はら"), ("野", "の"), ("沢", "さわ"), ("山", "やま"),
    ("川", "かわ"), ("田", "た"), ("丘", "おか"), ("浜", "はま"), ("谷", "たに"), ("里", "さと"),
    ("平", "だいら"), ("森", "もり"), ("崎", "さき"),
]  # fmt: skip
CHOME = [("一丁目", "いっちょうめ"), ("二丁目", "にちょうめ"), ("三丁目", "さんちょうめ"), ("四丁目", "よんちょうめ"), ("五丁目", "ごちょうめ")]  # fmt: skip
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]  # fmt: skip
GIVEN_NAMES = ["花子", "一郎", "陽子", "健", "真理", "和夫", "さくら", "翔太", "恵子", "誠", "美咲", "浩", "由美", "大輔", "直子", "隆"]  # fmt: skip


def with_check_digit(code: str) -> str:
    """The 6-digit 全国地方公共団体コード for a 5-digit code (a 6-digit one is re-checked)."""
    body = code[:5]
    if len(body) != 5 or not body.isdigit():
        raise ValueError(f"not a local government code: {code!r}")
    total = sum(int(d) * w for d, w in zip(body, (6, 5, 4, 3, 2), strict=True))
    return body + str((11 - total % 11) % 10)


def role_counts(staff: int) -> dict[str, int]:
    """How many users get each role: one of every role first, the rest by ROLE_MIX."""
    roles = list(ROLE_MIX)
    if staff < len(roles):
        return dict(Counter(roles[:staff]))
    counts = dict.fromkeys(roles, 1)
    rest = staff - len(roles)
    shares = {r: rest * w for r, w in ROLE_MIX.items()}
    for r in roles:
        counts[r] += int(shares[r])
    leftover = staff - sum(counts.values())
    for r in sorted(roles, key=lambda r: shares[r] - int(shares[r]), reverse=True)[:leftover]:
        counts[r] += 1
    return counts


def _place_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    base = [(p + s, pr + sr) for p, pr in PREFIXES for s, sr in SUFFIXES]
    rng.shuffle(base)
    names = []
    round_no = 0
    while len(names) < n:
        for name, reading in base:
            if round_no == 0:
                names.append((name, reading))
            elif round_no <= len(CHOME):
                names.append((name + CHOME[round_no - 1][0], reading + CHOME[round_no - 1][1]))
            else:
                names.append((f"{name}{round_no}区", f"{reading}{round_no}く"))
            if len(names) == n:
                break
        round_no += 1
    return names


def _population(rng: random.Random) -> dict[str, int]:
    total = rng.randint(300, 4200)
    aged_65 = int(total * rng.uniform(0.22, 0.42))
    aged_75 = int(aged_65 * rng.uniform(0.45, 0.62))
    singles = int(aged_65 * rng.uniform(0.10, 0.24))
    return {
        "total": total,
        "aged_65_plus": aged_65,
        "aged_75_plus": aged_75,
        "elderly_single_households": singles,
    }


def _next_year(rng: random.Random, figures: dict[str, int]) -> dict[str, int]:
    """The following year: a slowly shrinking, ageing town."""
    total = max(1, int(figures["total"] * rng.uniform(0.975, 1.005)))
    aged_65 = min(total, int(figures["aged_65_plus"] * rng.uniform(1.0, 1.03)))
    aged_75 = min(aged_65, int(figures["aged_75_plus"] * rng.uniform(1.01, 1.05)))
    singles = min(aged_65, int(figures["elderly_single_households"] * rng.uniform(1.0, 1.05)))
    return {
        "total": total,
        "aged_65_plus": aged_65,
        "aged_75_plus": aged_75,
        "elderly_single_households": singles,
    }


def _username(code: str, n: int) -> str:
    return f"b{code}-{n:04d}"


def generate_municipality(
    code: str,
    areas: int,
    staff: int,
    *,
    seed: int = 1,
    name: str | None = None,
    prefecture: str = "栃木県",
    years: tuple[int, ...] = DEFAULT_YEARS,
    password: str | None = None,
) -> Municipality:
    """Create a fictional municipality with `areas` areas (incl. the root) and `staff` users.

    A layer-1 root, about one area in twenty on layer 2, the rest layer-3 towns spread unevenly
    over them; population figures for `years` (towns sampled, upper layers summed); staff with
    ROLE_MIX roles, area-scoped ones (L2 coordinators, centre staff) on layer-2 areas.
    Usernames are `b<code>-NNNN`; without `password` they get unusable passwords (hashing 200
    passwords would dominate the build time) — tests and benchmarks use `force_login`.
    Deterministic for a given seed. Raises if the code exists (see `remove_municipality`).
    """
    validate_local_government_code(code)
    if areas < 3:
        raise ValueError("areas must be at least 3 (root, one layer-2 area, one town)")
    if staff < 1:
        raise ValueError("staff must be at least 1 (the officer who builds the city)")
    if Municipality.objects.filter(code=code).exists():
        raise ValueError(f"municipality {code} exists already; remove it first (--replace)")
    rng = random.Random(seed)
    n_layer2 = max(1, round(areas / 20))
    n_towns = areas - 1 - n_layer2
    counts = role_counts(staff)
    lat0, lon0 = 36.55 + rng.uniform(-0.2, 0.2), 139.88 + rng.uniform(-0.2, 0.2)

    with transaction.atomic():
        municipality = Municipality.objects.create(
            code=code,
            name=name or f"ベンチ{code}市",
            reading=f"べんち{code}し",
            prefecture=prefecture,
            latitude=round(lat0, 5),
            longitude=round(lon0, 5),
        )
        with scope(municipality=municipality):
            usernames = (_username(code, n) for n in range(1, staff + 1))
            full_names = ((f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}") for _ in range(staff))

            def new_user():
                username = next(usernames)
                return staff_services.create_staff_user(
                    username=username,
                    password=password,
                    full_name=next(full_names),
                    email=f"{username}@example.jp",
                    actor=actor,
                    validate=False,
                )

            # The first officer builds everything, as a municipal officer would through the UI.
            # The first officer is appointed by the system (actor=None), then acts for the rest.
            actor = None
            actor = new_user()
            staff_services.grant_role(municipality, actor, Role.OFFICER, title="高齢福祉課", actor=None)

            root = area_services.create_area(
                municipality,
                {"name": f"{municipality.name}全域", "reading": f"{municipality.reading}ぜんいき", "code": "ALL",
                 "layer": Layer.MUNICIPALITY, "latitude": municipality.latitude, "longitude": municipality.longitude},
                actor=actor,
            )  # fmt: skip
            names = _place_names(rng, n_layer2 + n_towns)
            layer2 = []
            for i in range(n_layer2):
                l2_name, l2_reading = names[i]
                layer2.append(
                    area_services.create_area(
                        municipality,
                        {
                            "name": f"{l2_name}地区",
                            "reading": f"{l2_reading}ちく",
                            "code": f"D{i + 1:03d}",
                            "layer": Layer.DAILY_LIFE_AREA,
                            "parent": root,
                            "sort_order": i,
                            "latitude": round(lat0 + rng.uniform(-0.15, 0.15), 5),
                            "longitude": round(lon0 + rng.uniform(-0.18, 0.18), 5),
                        },
                        actor=actor,
                    )
                )
            # Towns: every district gets at least one, the rest go to districts of uneven size.
            weights = [rng.uniform(0.3, 1.7) for _ in layer2]
            parents = [layer2[i % n_layer2] for i in range(min(n_towns, n_layer2))]
            parents += rng.choices(layer2, weights=weights, k=n_towns - len(parents))
            parents.sort(key=lambda a: a.pk)
            towns_of: dict[int, int] = Counter()
            towns = []
            for (town_name, town_reading), parent in zip(names[n_layer2:], parents, strict=True):
                towns_of[parent.pk] += 1
                towns.append(
                    area_services.create_area(
                        municipality,
                        {
                            "name": town_name,
                            "reading": town_reading,
                            "layer": Layer.NEIGHBOURHOOD,
                            "parent": parent,
                            "code": f"{parent.code}-{towns_of[parent.pk]:03d}",
                            "sort_order": towns_of[parent.pk],
                            "latitude": round(parent.latitude + rng.uniform(-0.02, 0.02), 5),
                            "longitude": round(parent.longitude + rng.uniform(-0.025, 0.025), 5),
                        },
                        actor=actor,
                    )
                )
            for town in towns:
                figures = _population(rng)
                for year in years:
                    area_services.set_population(town, year, figures, actor=actor)
                    figures = _next_year(rng, figures)
            # Upper layers carry the sums of their towns, as the municipality's statistics do.
            for area in [*layer2, root]:
                for year in years:
                    area_services.set_population(
                        area, year, area_services.subtree_population(area, year), actor=actor
                    )

            counts[Role.OFFICER] -= 1  # the actor
            scoped_turn = 0
            for role, count in counts.items():
                for _ in range(count):
                    user = new_user()
                    area, title = None, ""
                    if role in (Role.COORDINATOR_L2, Role.CENTER_STAFF):
                        area = layer2[scoped_turn % n_layer2]
                        scoped_turn += 1
                        title = f"{area.name}" + (
                            "生活支援コーディネーター"
                            if role == Role.COORDINATOR_L2
                            else "地域包括支援センター"
                        )
                    elif role == Role.COORDINATOR_L1:
                        title = f"{municipality.name}社会福祉協議会"
                    elif role == Role.OFFICER:
                        title = rng.choice(["高齢福祉課", "地域包括ケア推進課", "介護保険課"])
                    elif role == Role.COUNCIL_MEMBER:
                        title = rng.choice(COUNCIL_TITLES)
                    staff_services.grant_role(
                        municipality, user, role, area=area, title=title,
                        actor=None if role == Role.ADMIN else actor,  # only the system makes administrators
                    )  # fmt: skip
                    # Coordinators sit on the council of their district too.
                    if role == Role.COORDINATOR_L2 and rng.random() < 0.15:
                        staff_services.grant_role(
                            municipality, user, Role.COUNCIL_MEMBER, title="第2層協議体", actor=actor
                        )
    return municipality


def remove_municipality(code: str) -> None:
    """Delete a generated municipality with everything that cascades from it and its users.

    The area tree is detached first because Area.parent is PROTECT; a later app whose rows
    PROTECT an area must delete them here before the municipality goes.
    """
    with transaction.atomic(), scopes_disabled():
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            return
        StaffRole.objects.filter(municipality=municipality).delete()
        Area.objects.filter(municipality=municipality).update(parent=None)
        municipality.delete()
        User.objects.filter(username__startswith=f"b{code}-").delete()


def row_counts(municipality: Municipality) -> dict[str, int]:
    """Rows that belong to the municipality, including history and audit rows."""
    users = User.objects.filter(username__startswith=f"b{municipality.code}-")
    with scopes_disabled():
        return {
            "areas": Area.objects.filter(municipality=municipality).count(),
            "area population rows": AreaPopulation.objects.filter(municipality=municipality).count(),
            "staff users": users.count(),
            "staff roles": StaffRole.objects.filter(municipality=municipality).count(),
            "area history rows": Area.history.filter(municipality=municipality).count(),
            "population history rows": AreaPopulation.history.filter(municipality=municipality).count(),
            "staff-role history rows": StaffRole.history.filter(municipality=municipality).count(),
            "audit events": AuditEvent.objects.filter(
                object_type="auth.user", object_id__in=[str(pk) for pk in users.values_list("pk", flat=True)]
            ).count(),
        }


def foundation_timings(municipality: Municipality, *, repeat: int = 30) -> list[Timing]:
    """Time the queries every page of a large city depends on."""
    code = municipality.code
    with scope(municipality=municipality):
        root = Area.objects.get(layer=Layer.MUNICIPALITY, parent__isnull=True)
        layer2 = list(Area.objects.filter(layer=Layer.DAILY_LIFE_AREA).order_by("path"))
        district = max(layer2, key=lambda a: a.children.count())  # the largest district
        subtree_size = district.subtree().count()
        coordinator = (
            StaffRole.objects.filter(role=Role.COORDINATOR_L2, area=district).select_related("user").first()
            or StaffRole.objects.filter(role=Role.COORDINATOR_L2).select_related("user").first()
        ).user
        officer = StaffRole.objects.filter(role=Role.OFFICER).select_related("user").first().user
        total = Area.objects.count()
        year = AreaPopulation.objects.order_by("-year").values_list("year", flat=True).first()
        timings = [
            measure(f"area tree: all {total} areas by path", lambda: list(Area.objects.order_by("path")), repeat=repeat),
            measure(f"area tree: all {total} areas in tree order (in_tree_order: list page, API)",
                    lambda: area_services.in_tree_order(Area.objects.all()), repeat=repeat),
            measure(f"subtree of the largest layer-2 area ({subtree_size} areas)", lambda: list(district.subtree()),
                    repeat=repeat),
            measure(f"population sum of the whole tree ({year})",
                    lambda: area_services.subtree_population(root, year), repeat=repeat),
            measure("Access(...) for an L2 coordinator", lambda: Access(coordinator, municipality), repeat=repeat),
        ]  # fmt: skip
    client = Client()
    client.force_login(officer)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a failing page is reported below

    def get(url: str, expect_count: int | None = None):
        def run():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if expect_count is not None and response.json()["count"] != expect_count:
                raise RuntimeError(f"{url} counted {response.json()['count']}, expected {expect_count}")

        return run

    from django.db import connection

    pages = [
        ("officer: GET /api/v1/m/{code}/areas (first page of 50)", f"/api/v1/m/{code}/areas", total),
        (f"officer: GET /api/v1/m/{{code}}/areas?limit={total} (whole tree)", f"/api/v1/m/{code}/areas?limit={total}", total),
        ("officer: GET /m/{code}/ (dashboard page)", f"/m/{code}/", None),
        ("officer: GET /m/{code}/areas/ (area list page)", f"/m/{code}/areas/", None),
        ("officer: GET /m/{code}/staff/ (staff list page)", f"/m/{code}/staff/", None),
    ]  # fmt: skip
    for label, url, expect in pages:
        run = get(url, expect)
        try:
            with CaptureQueriesContext(connection) as queries:
                run()
            timings.append(measure(f"{label} [{len(queries)} queries]", run, repeat=repeat))
        except Exception as exc:  # a page of another app may be broken; still time the rest
            timings.append(Timing(label, [], error=f"{type(exc).__name__}: {exc}"[:200]))
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--areas", type=int, default=1000, help="areas including the root (default 1000)")
    parser.add_argument("--staff", type=int, default=200, help="staff users (default 200)")
    parser.add_argument(
        "--code", default=DEFAULT_CODE, help="5-digit code (check digit added) or 6-digit code"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query (default 30)")
    parser.add_argument("--replace", action="store_true", help="delete the municipality first if it exists")
    args = parser.parse_args(argv)

    code = with_check_digit(args.code)
    if len(args.code) == 6 and code != args.code:
        print(f"note: {args.code} has a wrong check digit; using {code}")
    if Municipality.objects.filter(code=code).exists():
        if not args.replace:
            sys.exit(f"municipality {code} exists already in this database: pass --replace or another --code")
        remove_municipality(code)

    print(f"database: {database_label()}")
    print(f"machine:  {machine_label()}")
    start = time.perf_counter()
    municipality = generate_municipality(code, args.areas, args.staff, seed=args.seed)
    elapsed = time.perf_counter() - start
    counts = row_counts(municipality)
    print(f"built {municipality.name} ({code}) in {elapsed:.1f} s:")
    for label, n in counts.items():
        print(f"  {label:<26} {n:>7}")
    with scopes_disabled():
        by_layer = Counter(Area.objects.filter(municipality=municipality).values_list("layer", flat=True))
        by_role = Counter(StaffRole.objects.filter(municipality=municipality).values_list("role", flat=True))
    print("  layers: " + ", ".join(f"{layer}: {n}" for layer, n in sorted(by_layer.items())))
    print("  roles:  " + ", ".join(f"{role} {n}" for role, n in by_role.most_common()))
    print(f"foundation queries (repeat {args.repeat}):")
    for timing in foundation_timings(municipality, repeat=args.repeat):
        print(timing.line())


if __name__ == "__main__":
    main()
