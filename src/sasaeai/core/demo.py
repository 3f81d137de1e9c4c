"""The demo: a fictional city with three layers of areas, population and staff of every role.

Deterministic (fixed seed) and idempotent. After the core data, each app's `demo.load(ctx)` adds
its own records, in INSTALLED_APPS order, inside `scope(municipality=…)` of the main city.
"""

import importlib
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scope, scopes_disabled

from .models import Area, Municipality, Role
from .services import areas as area_services
from .services import staff as staff_services

User = get_user_model()

CITY = {
    "code": "099996",
    "name": "ひなた市",
    "reading": "ひなたし",
    "prefecture": "栃木県",
    "lat": 36.3800,
    "lon": 139.7300,
}
TOWN = {
    "code": "099988",
    "name": "こもれび町",
    "reading": "こもれびまち",
    "prefecture": "栃木県",
    "lat": 36.5200,
    "lon": 139.9400,
}

# 2nd-layer areas of the city, each with its towns (3rd layer): (name, reading, code, (dlat, dlon), towns)
CITY_AREAS = [
    (
        "中央圏域",
        "ちゅうおうけんいき",
        "A01",
        (0.000, 0.000),
        [("本町", "ほんちょう"), ("駅前", "えきまえ"), ("城山", "しろやま"), ("錦町", "にしきちょう")],
    ),
    (
        "北部圏域",
        "ほくぶけんいき",
        "A02",
        (0.045, 0.005),
        [("北山", "きたやま"), ("桜台", "さくらだい"), ("水沢", "みずさわ")],
    ),
    (
        "東部圏域",
        "とうぶけんいき",
        "A03",
        (0.005, 0.050),
        [("東原", "ひがしはら"), ("朝日", "あさひ"), ("若葉", "わかば")],
    ),
    (
        "南部圏域",
        "なんぶけんいき",
        "A04",
        (-0.045, 0.000),
        [("南台", "みなみだい"), ("川岸", "かわぎし"), ("田園", "でんえん")],
    ),
    (
        "西部圏域",
        "せいぶけんいき",
        "A05",
        (0.000, -0.055),
        [("西野", "にしの"), ("松原", "まつばら"), ("梅ヶ丘", "うめがおか"), ("富士見", "ふじみ")],
    ),
    (
        "山の手圏域",
        "やまのてけんいき",
        "A06",
        (0.040, -0.050),
        [("高森", "たかもり"), ("清水", "しみず"), ("青葉", "あおば")],
    ),
]
TOWN_AREAS = [
    ("本郷地区", "ほんごうちく", "B01", (0.0, 0.0), [("上町", "かみまち"), ("下町", "しもまち")]),
    ("谷地区", "たにちく", "B02", (0.03, 0.02), [("谷中", "やなか")]),
]

DEMO_PASSWORD = "sasaeai-demo"

# username, full name, role, area code (for area-scoped roles), title
CITY_STAFF = [
    ("admin", "システム管理者", Role.ADMIN, None, "情報政策課"),
    ("tanaka", "田中 市子", Role.OFFICER, None, "高齢福祉課"),
    ("sato", "佐藤 一郎", Role.COORDINATOR_L1, None, "ひなた市社会福祉協議会"),
    ("suzuki", "鈴木 花子", Role.COORDINATOR_L2, "A01", "中央高齢者サポートセンター"),
    ("takahashi", "高橋 健", Role.COORDINATOR_L2, "A02", "北部高齢者サポートセンター"),
    ("ito", "伊藤 真理", Role.CENTER_STAFF, "A03", "東部地域包括支援センター"),
    ("watanabe", "渡辺 和夫", Role.COUNCIL_MEMBER, None, "ひなた市老人クラブ連合会"),
    ("yamamoto", "山本 さくら", Role.VIEWER, None, "監査担当"),
]
TOWN_STAFF = [
    ("tanaka", "田中 市子", Role.OFFICER, None, "こもれび町 福祉課（兼務）"),
    ("kobayashi", "小林 蓮", Role.COORDINATOR_L1, None, "こもれび町社会福祉協議会"),
]


@dataclass
class DemoContext:
    """What app loaders get: the main city, its areas by code and its staff by username."""

    municipality: Municipality
    areas: dict[str, Area]
    users: dict[str, object]
    actor: object
    rng: random.Random
    second_municipality: Municipality | None = None
    second_areas: dict[str, Area] = field(default_factory=dict)


def _population_for(rng: random.Random) -> dict[str, int]:
    total = rng.randint(2400, 7800)
    aged_65 = int(total * rng.uniform(0.24, 0.38))
    aged_75 = int(aged_65 * rng.uniform(0.48, 0.60))
    singles = int(aged_65 * rng.uniform(0.12, 0.22))
    return {
        "total": total,
        "aged_65_plus": aged_65,
        "aged_75_plus": aged_75,
        "elderly_single_households": singles,
    }


def _build_municipality(
    spec: dict, tree: list, rng: random.Random, actor
) -> tuple[Municipality, dict[str, Area]]:
    municipality, _ = Municipality.objects.get_or_create(
        code=spec["code"],
        defaults={
            "name": spec["name"],
            "reading": spec["reading"],
            "prefecture": spec["prefecture"],
            "latitude": spec["lat"],
            "longitude": spec["lon"],
        },
    )
    areas: dict[str, Area] = {}
    with scope(municipality=municipality):
        if Area.objects.exists():
            return municipality, {a.code: a for a in Area.objects.exclude(code="")}
        root = area_services.create_area(
            municipality,
            {"name": f"{spec['name']}全域", "reading": spec["reading"] + "ぜんいき", "code": "ALL", "layer": 1,
             "latitude": spec["lat"], "longitude": spec["lon"]},
            actor=actor,
        )  # fmt: skip
        areas["ALL"] = root
        for i, (name, reading, code, (dlat, dlon), towns) in enumerate(tree):
            lat, lon = spec["lat"] + dlat, spec["lon"] + dlon
            area = area_services.create_area(
                municipality,
                {"name": name, "reading": reading, "code": code, "layer": 2, "parent": root,
                 "latitude": round(lat, 5), "longitude": round(lon, 5), "sort_order": i},
                actor=actor,
            )  # fmt: skip
            areas[code] = area
            for j, (town_name, town_reading) in enumerate(towns):
                town_code = f"{code}-{j + 1:02d}"
                town = area_services.create_area(
                    municipality,
                    {"name": town_name, "reading": town_reading, "code": town_code, "layer": 3, "parent": area,
                     "latitude": round(lat + rng.uniform(-0.012, 0.012), 5),
                     "longitude": round(lon + rng.uniform(-0.014, 0.014), 5), "sort_order": j},
                    actor=actor,
                )  # fmt: skip
                areas[town_code] = town
                for year in (2024, 2025):
                    area_services.set_population(town, year, _population_for(rng), actor=actor)
        # Upper layers carry the sums of their towns, as the municipality's statistics do.
        for area in sorted(areas.values(), key=lambda a: -a.layer):
            if area.layer < 3:
                for year in (2024, 2025):
                    area_services.set_population(
                        area, year, area_services.subtree_population(area, year), actor=actor
                    )
    return municipality, areas


def _user(username: str, full_name: str, superuser: bool = False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, last_name=full_name, is_superuser=superuser, is_staff=superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _staff(municipality, areas, staff_list, actor) -> dict:
    users = {}
    with scope(municipality=municipality):
        for username, full_name, role, area_code, title in staff_list:
            user = _user(username, full_name, superuser=(username == "admin"))
            users[username] = user
            area = areas.get(area_code) if area_code else None
            from .models import StaffRole

            if not StaffRole.objects.filter(user=user, role=role, area=area).exists():
                staff_services.grant_role(municipality, user, role, area=area, title=title, actor=actor)
    return users


def load_demo(stdout=None) -> DemoContext:
    rng = random.Random(20261123)
    with transaction.atomic(), scopes_disabled():
        admin = _user("admin", "システム管理者", superuser=True)
    with transaction.atomic():
        city, city_areas = _build_municipality(CITY, CITY_AREAS, rng, admin)
        town, town_areas = _build_municipality(TOWN, TOWN_AREAS, rng, admin)
        users = _staff(city, city_areas, CITY_STAFF, admin)
        _staff(town, town_areas, TOWN_STAFF, admin)
    ctx = DemoContext(
        municipality=city, areas=city_areas, users=users, actor=admin, rng=rng,
        second_municipality=town, second_areas=town_areas,
    )  # fmt: skip
    for app in settings.INSTALLED_APPS:
        if not app.startswith("sasaeai.") or app == "sasaeai.core":
            continue
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        ctx.rng = random.Random(f"{app}-20261123")
        with transaction.atomic(), scope(municipality=city):
            module.load(ctx)
    return ctx


def logins() -> list[tuple[str, str, str]]:
    """(username, password, what the account shows) for the banner printed by `sasaeai demo`."""
    rows = []
    for username, full_name, role, area_code, _title in CITY_STAFF:
        where = dict((c[2], c[0]) for c in CITY_AREAS).get(area_code, "")
        label = f"{Role(role).label}" + (f"（{where}）" if where else "")
        if username == "tanaka":
            label += " ＋ こもれび町"
        rows.append((username, DEMO_PASSWORD, f"{full_name} — {label}"))
    rows.append(("kobayashi", DEMO_PASSWORD, "小林 蓮 — こもれび町のみ"))
    return rows
