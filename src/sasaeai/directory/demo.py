"""The directory's part of the demo: about 150 resources with schedules and points across the areas.

Deterministic (ctx.rng) and idempotent (nothing is added when the city already has resources).
Includes what the seeds describe: shopping support in every area, volunteer drivers for hospital
trips (外出を支え隊), a Wednesday-morning salon, a salon open every day but Thursday, a 絵手紙 group.
"""

from datetime import time, timedelta

from django.utils import timezone

from . import services
from .models import Category, OrganizationType, Resource

SECOND_LAYER = ["A01", "A02", "A03", "A04", "A05", "A06"]

# (name pattern, category, schedule kwargs, description, extras)
KINDS = [
    ("{town}ふれあいサロン", "定期型サロン", {"freq": "MONTHLY", "byday": "2WE,4WE", "opens_at": time(13, 30), "closes_at": time(15, 30)},
     "お茶を飲みながらおしゃべり。季節の行事もあります。", {"cost": "100円（お茶代）"}),
    ("{town}いきいき百歳体操", "体操教室", {"freq": "WEEKLY", "byday": "TU", "opens_at": time(10, 0), "closes_at": time(11, 0)},
     "おもりを使った筋力づくりの体操です。椅子に座ってできます。", {"is_free": True, "accepts_care_need": True}),
    ("{town}ウォーキングの会", "ウォーキング", {"freq": "WEEKLY", "byday": "SA", "opens_at": time(8, 0), "closes_at": time(9, 0)},
     "川沿いをみんなで歩きます。", {"is_free": True}),
    ("{town}見守り隊", "見守りネットワーク", {"freq": "", "note": "日常の声かけ（随時）"},
     "新聞がたまっている、雨戸が閉まったまま等に気づいたら連絡する仕組みです。", {"is_free": True}),
    ("{town}配食ボランティア", "配食サービス", {"freq": "WEEKLY", "byday": "MO,TH", "opens_at": time(11, 0), "closes_at": time(12, 30)},
     "手作りのお弁当を届け、安否も確認します。", {"cost": "1食400円"}),
    ("{town}囲碁・将棋クラブ", "囲碁・将棋", {"freq": "WEEKLY", "byday": "FR", "opens_at": time(13, 0), "closes_at": time(16, 0)},
     "初心者も歓迎します。", {"cost": "月500円"}),
    ("{town}歌声喫茶", "歌・音楽", {"freq": "MONTHLY", "byday": "1SU", "opens_at": time(14, 0), "closes_at": time(16, 0)},
     "懐かしい歌をみんなで歌います。", {"cost": "300円"}),
    ("{town}ごみ出しお助け隊", "ごみ出し", {"freq": "WEEKLY", "byday": "MO,TH", "opens_at": time(7, 30), "closes_at": time(8, 30)},
     "重いごみを集積所まで運ぶお手伝いをします。", {"cost": "1回100円", "accepts_care_need": True}),
    ("{town}会食会", "会食会", {"freq": "MONTHLY", "byday": "3TH", "opens_at": time(11, 30), "closes_at": time(13, 30)},
     "地域の食材でつくる昼食会です。", {"cost": "500円"}),
    ("{town}認知症カフェ", "カフェ", {"freq": "MONTHLY", "byday": "1FR", "opens_at": time(10, 0), "closes_at": time(12, 0)},
     "認知症の方やご家族、どなたでも気軽に立ち寄れます。", {"cost": "200円", "accepts_care_need": True}),
]  # fmt: skip


def _point(area, rng, spread=0.008):
    return round(area.latitude + rng.uniform(-spread, spread), 6), round(
        area.longitude + rng.uniform(-spread, spread), 6
    )


def load(ctx) -> None:
    municipality, actor, rng = ctx.municipality, ctx.actor, ctx.rng
    services.ensure_defaults(municipality, actor=actor)
    if ctx.second_municipality is not None:
        services.ensure_defaults(ctx.second_municipality, actor=actor)
    if Resource.objects.filter(municipality=municipality).exists():
        return
    cats = {c.name: c for c in Category.objects.filter(municipality=municipality)}
    types = {t.name: t for t in OrganizationType.objects.filter(municipality=municipality)}
    today = timezone.localdate()

    def org(name, reading, type_name, area, phone=""):
        return services.create_organization(
            municipality,
            {"name": name, "reading": reading, "type": types[type_name], "area": area, "phone": phone,
             "address": f"ひなた市{area.name}1-{rng.randint(1, 30)}"},
            actor=actor,
        )  # fmt: skip

    def place(name, area, potential=False, **extra):
        lat, lon = _point(area, rng)
        return services.create_place(
            municipality,
            {"name": name, "area": area, "address": f"ひなた市{area.name}{rng.randint(1, 5)}-{rng.randint(1, 30)}",
             "latitude": lat, "longitude": lon, "is_potential": potential, **extra},
            actor=actor,
        )  # fmt: skip

    def resource(name, reading, category_names, area, where, schedules, **extra):
        verified = today - timedelta(days=rng.choice([20, 90, 200, 300, 420, 800]))
        data = {
            "name": name, "reading": reading, "description": extra.pop("description", ""), "status": "active",
            "published": True, "area": area, "places": [where] if where else [],
            "categories": [cats[c] for c in category_names], "schedules": schedules,
            "service_areas": [area], "last_verified": verified,
            "phone": f"0285-{rng.randint(20, 99)}-{rng.randint(1000, 9999)}",
        }  # fmt: skip
        data.update(extra)
        return services.create_resource(municipality, data, actor=actor)

    social_welfare = org(
        "ひなた市社会福祉協議会",
        "ひなたししゃかいふくしきょうぎかい",
        "社会福祉法人",
        ctx.areas["ALL"],
        "0285-22-1111",
    )
    silver = org(
        "ひなた市シルバー人材センター",
        "ひなたししるばーじんざいせんたー",
        "シルバー人材センター",
        ctx.areas["ALL"],
        "0285-22-3333",
    )
    coop = org("とちぎ生協ひなた店", "とちぎせいきょうひなたてん", "生協", ctx.areas["A01"], "0285-22-5555")
    volunteers = org(
        "外出を支え隊", "がいしゅつをささえたい", "ボランティア団体", ctx.areas["ALL"], "0285-22-7777"
    )

    # The seeds' own examples.
    centre = ctx.areas["A01"]
    hall = place("中央公民館", centre)
    resource(
        "水曜朝のふれあいサロン", "すいようあさのふれあいさろん", ["定期型サロン"], centre, hall,
        [{"freq": "WEEKLY", "byday": "WE", "opens_at": time(10, 0), "closes_at": time(12, 0)}],
        organization=social_welfare, description="毎週水曜の朝に開く、誰でも参加できるサロンです。", cost="100円",
        closures=[{"kind": "holidays"}, {"kind": "year_end"}],
    )  # fmt: skip
    resource(
        "常設サロンひだまり", "じょうせつさろんひだまり", ["常設型サロン"], centre, place("ひだまりの家", centre),
        [{"freq": "DAILY", "byday": "MO,TU,WE,FR,SA,SU", "opens_at": time(10, 0), "closes_at": time(16, 0)}],
        organization=social_welfare, description="木曜日以外は毎日開いている居場所です。ふらっと立ち寄れます。",
        is_free=True, wheelchair_accessible=True, accepts_care_need=True, closures=[{"kind": "year_end"}],
    )  # fmt: skip
    resource(
        "絵手紙の会「あじさい」", "えてがみのかいあじさい", ["絵手紙・手芸"], ctx.areas["A02"], place("北部コミュニティセンター", ctx.areas["A02"]),
        [{"freq": "MONTHLY", "byday": "2TU,4TU", "opens_at": time(13, 30), "closes_at": time(15, 30)}],
        description="季節の草花を描いて、はがきに一言を添えます。道具は貸し出します。", cost="月300円",
        accepts_care_need=True, wheelchair_accessible=True, transport_provided=True,
        eligibility_note="要介護の方も付き添いなしで参加できます",
    )  # fmt: skip
    resource(
        "外出を支え隊（通院送迎）", "がいしゅつをささえたい", ["通院送迎", "外出付き添い"], ctx.areas["ALL"], None,
        [{"freq": "", "note": "予約制（平日 8:30〜17:00 受付）"}],
        organization=volunteers, description="ボランティアの運転で病院への通院を送迎します。第1層コーディネーターが調整します。",
        cost="ガソリン代実費", accepts_care_need=True, transport_provided=True, how_to_join="前日までにお電話ください。",
    )  # fmt: skip

    # Shopping support in every 2nd-layer area, plus local groups in every town.
    for code in SECOND_LAYER:
        area = ctx.areas[code]
        shop_place = place(f"{area.name}買い物拠点", area)
        resource(
            f"{area.name}買い物支援（移動販売）", f"{area.reading}かいものしえん", ["移動販売", "買い物送迎"], area, shop_place,
            [{"freq": "WEEKLY", "byday": rng.choice(["TU", "WE", "TH", "FR"]), "opens_at": time(10, 0), "closes_at": time(11, 30)}],
            organization=coop, description="移動販売車が集会所の前に来ます。重い物は玄関まで運びます。", is_free=True,
        )  # fmt: skip
        org(f"{area.name}地区社協", f"{area.reading}ちくしゃきょう", "地区社協", area)
        club = org(f"{area.name}老人クラブ連合会", f"{area.reading}ろうじんくらぶ", "老人クラブ", area)
        place(f"{area.name}の空き店舗", area, potential=True, capacity=20, availability="平日の日中")
        towns = [a for key, a in sorted(ctx.areas.items()) if key.startswith(code + "-")]
        for town in towns:
            assembly = place(f"{town.name}集会所", town, capacity=rng.randint(20, 60))
            if rng.random() < 0.3:
                place(f"{town.name}自治会館の和室", town, potential=True, capacity=15, availability="土日")
            association = org(f"{town.name}自治会", f"{town.reading}じちかい", "自治会・町会", town)
            for template, category, schedule, description, extras in rng.sample(KINDS, 7):
                provider = rng.choice([association, club, silver, None])
                status = rng.choices(["active", "paused", "preparing", "ended"], weights=[88, 5, 4, 3])[0]
                resource(
                    template.format(town=town.name), "", [category], town, assembly, [dict(schedule)],
                    organization=provider, description=description, status=status, published=status != "preparing",
                    **dict(extras),
                )  # fmt: skip
