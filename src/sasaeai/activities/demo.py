"""Demo activity records: the previous and the current fiscal year, up to today, for the demo coordinators.

Council meetings (第1層・第2層協議体) are left to the councils demo: its held meetings reach the
report through `sync_sourced_activity`, exactly as in real use.
"""

import datetime

from django.utils import timezone

from sasaeai.core.fiscal import current_fiscal_year, fiscal_year_bounds

from .models import ActivityRecord
from .services import create_record, ensure_default_kinds

# username → (area code of the work, kinds and their weights)
FIELD_WORK = {
    "suzuki": ("A01", {"visit": 10, "consultation": 4, "liaison": 2, "workshop": 0.4, "other": 0.5}),
    "takahashi": ("A02", {"visit": 9, "consultation": 3, "liaison": 2, "workshop": 0.4, "other": 0.5}),
    "ito": ("A03", {"visit": 6, "consultation": 6, "community_care_meeting": 1, "liaison": 2, "other": 0.5}),
    "sato": ("ALL", {"liaison": 4, "training": 0.6, "workshop": 0.5, "visit": 2, "consultation": 1}),
}
MET_WITH = {
    "visit": [
        "ふれあいサロン「ひだまり」世話人",
        "町内会長",
        "民生委員",
        "老人クラブ会長",
        "体操教室の代表",
        "配食ボランティア",
        "地区社協",
    ],
    "consultation": ["ご本人（80代女性）", "ご家族（長女）", "ケアマネジャー", "民生委員", "近所の方"],
    "liaison": [
        "地域包括支援センター",
        "社会福祉協議会",
        "シルバー人材センター",
        "市高齢福祉課",
        "介護事業所",
    ],
    "community_care_meeting": ["地域包括支援センター、ケアマネジャー、民生委員"],
    "workshop": ["地区住民", "担い手養成講座の受講者"],
    "training": ["ボランティア希望者"],
    "other": [""],
}
SUMMARIES = {
    "visit": [
        "サロンの運営状況を確認。参加者が減っており、送迎の希望が出ている。",
        "体操教室を見学。男性の参加が少ないとの話。",
        "町内会の役員会で地域の困りごとを聞き取り。ごみ出しの手伝いの声が多い。",
        "新しい居場所づくりについて相談を受け、空き店舗の情報を伝えた。",
        "買い物支援の実施状況を確認。利用者が増えている。",
    ],
    "consultation": [
        "重いものが片付けられないとの相談。家事支援のボランティアを紹介。",
        "近くに買い物できる場所がないとの相談。移動販売の情報を伝えた。",
        "通院の送迎の相談。外出支援の担い手を調整する。",
        "絵手紙の会に参加したいとの相談。会の代表に連絡した。",
        "一人暮らしで話し相手がほしいとの相談。サロンを案内。",
    ],
    "liaison": [
        "地域資源の情報を共有。新しいサロンの開設予定を確認。",
        "見守りネットワークの連絡会。気になる方の情報を共有。",
        "担い手養成講座の日程を調整。",
    ],
    "community_care_meeting": ["個別事例の検討。外出支援と見守りの役割分担を確認。"],
    "workshop": ["地域の支え合いを考えるワークショップ。困りごとマップを作成。"],
    "training": ["生活支援サポーター養成講座（全3回）の第1回。"],
    "other": ["広報誌の原稿作成。"],
}
FOLLOW_UP_NOTES = [
    "再訪問して様子を確認",
    "ボランティアとの顔合わせ",
    "ケアマネジャーに結果を連絡",
    "電話で状況確認",
]


def _workdays(first: datetime.date, last: datetime.date):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def load(ctx) -> None:
    """Idempotent: add nothing when typed-in activity records already exist."""
    municipality = ctx.municipality
    ensure_default_kinds(municipality)
    if ActivityRecord.objects.filter(municipality=municipality, source_key="").exists():
        return
    rng = ctx.rng
    today = timezone.localdate()
    first, _last = fiscal_year_bounds(current_fiscal_year() - 1)
    for username, (area_code, weights) in FIELD_WORK.items():
        user = ctx.users.get(username)
        if user is None:
            continue
        home = ctx.areas[area_code]
        towns = [
            a for code, a in ctx.areas.items() if area_code != "ALL" and code.startswith(area_code + "-")
        ]
        kinds, kind_weights = zip(*weights.items(), strict=True)
        for day in _workdays(first, today):
            # About one or two records a working day, fewer in August and at the year's end.
            quiet = day.month == 8 or (day.month == 12 and day.day > 25) or (day.month == 1 and day.day < 5)
            for _ in range(rng.choice((0, 1, 1, 2) if not quiet else (0, 0, 1))):
                kind = rng.choices(kinds, kind_weights)[0]
                area = rng.choice(towns) if towns and kind in ("visit", "consultation") else home
                if area_code == "ALL" and kind in ("visit", "consultation"):
                    area = rng.choice([a for c, a in ctx.areas.items() if c.count("-") == 1])
                data = {
                    "date": day,
                    "kind": kind,
                    "area": None if area_code == "ALL" and kind == "liaison" else area,
                    "start_time": datetime.time(rng.choice((9, 10, 11, 13, 14, 15)), rng.choice((0, 30))),
                    "duration_minutes": rng.choice((30, 45, 60, 60, 90, 120)),
                    "met_with": rng.choice(MET_WITH[kind]),
                    "summary": rng.choice(SUMMARIES[kind]),
                    "participants": rng.randint(8, 40)
                    if kind in ("workshop", "training", "community_care_meeting")
                    else None,
                    "coordinators": [user],
                }
                if kind == "consultation" and rng.random() < 0.35:
                    follow = day + datetime.timedelta(days=rng.randint(5, 30))
                    data["follow_up_on"] = follow
                    data["follow_up_note"] = rng.choice(FOLLOW_UP_NOTES)
                    data["follow_up_done"] = (
                        follow < today - datetime.timedelta(days=7) and rng.random() < 0.9
                    )
                create_record(municipality, data, actor=user)
    # The coordinators meet once a month (コーディネーター会議): one record with all of them.
    team = [ctx.users[u] for u in FIELD_WORK if u in ctx.users]
    month = first
    while team and month <= today:
        day = next(d for d in _workdays(month.replace(day=10), month.replace(day=20)))
        if day <= today:
            create_record(
                municipality,
                {"date": day, "kind": "coordinator_meeting", "area": None, "participants": len(team) + 2,
                 "start_time": datetime.time(13, 30), "duration_minutes": 90,
                 "summary": "各圏域の活動報告と地域課題の共有", "coordinators": team},
                actor=ctx.users.get("sato") or ctx.actor,  # city-wide: an area coordinator may not record it
            )  # fmt: skip
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    # One symposium a year for the whole city, by the 1st-layer coordinator.
    sato = ctx.users.get("sato")
    for year in (current_fiscal_year() - 1, current_fiscal_year()):
        day = datetime.date(year, 11, 14)
        if sato is not None and day <= today:
            create_record(
                municipality,
                {"date": day, "kind": "symposium", "area": ctx.areas["ALL"], "participants": 180,
                 "summary": "生活支援体制整備事業シンポジウム「支え合いのまちづくり」", "coordinators": [sato]},
                actor=sato,
            )  # fmt: skip
