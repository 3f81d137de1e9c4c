"""This app's part of the demo data: a 1st-layer council with an advisor team and two 2nd-layer
councils, three fiscal years of meetings with agendas, minutes and action items; one action item
became a directory resource (事業化). Idempotent; deterministic for a given day (the years are the
current fiscal year and the two before it, so that upcoming meetings exist)."""

import datetime

from django.utils import timezone

from sasaeai.core.fiscal import fiscal_year_of

from .models import Council, Meeting
from .services import councils as council_services
from .services import followup
from .services import materials as material_services
from .services import meetings as meeting_services
from .snapshots import get_snapshot_kind

L1_MEMBERS = [
    ("chair", "小川 正人", "おがわ まさと", "ひなた大学 社会福祉学部"),
    ("vice_chair", "森田 和子", "もりた かずこ", "ひなた市民生委員児童委員協議会"),
    ("member", "渡辺 和夫", "わたなべ かずお", "ひなた市老人クラブ連合会"),
    ("member", "石井 恵", "いしい めぐみ", "ひなた市介護支援専門員連絡協議会"),
    ("member", "村上 進", "むらかみ すすむ", "ひなた市ボランティア連絡協議会"),
    ("member", "中島 由美", "なかじま ゆみ", "ひなた看護専門学校"),
    ("member", "岡田 翔", "おかだ しょう", "ひなた大学 ボランティアサークル「ひだまり」"),
    ("member", "長谷川 実", "はせがわ みのる", "社会福祉法人 ひなた福祉会"),
    ("advisor", "藤田 恭子", "ふじた きょうこ", "県生活支援コーディネーター養成研修 講師"),
    ("secretariat", "佐藤 一郎", "さとう いちろう", "ひなた市社会福祉協議会（第1層SC）"),
    ("observer", "田中 市子", "たなか いちこ", "ひなた市 高齢福祉課"),
]
L2_MEMBERS = {
    "A01": [
        ("chair", "山田 勝", "やまだ まさる", "中央地区社会福祉協議会"),
        ("member", "清水 房子", "しみず ふさこ", "本町自治会"),
        ("member", "松本 浩", "まつもと ひろし", "駅前商店会"),
        ("member", "井上 美智子", "いのうえ みちこ", "サロン「ほっと本町」"),
        ("secretariat", "鈴木 花子", "すずき はなこ", "中央高齢者サポートセンター（第2層SC）"),
    ],
    "A02": [
        ("chair", "木村 茂", "きむら しげる", "北部地区社会福祉協議会"),
        ("member", "林 典子", "はやし のりこ", "北山町内会"),
        ("member", "斎藤 勇", "さいとう いさむ", "シルバー人材センター北部班"),
        ("member", "加藤 里美", "かとう さとみ", "桜台 体操クラブ"),
        ("secretariat", "高橋 健", "たかはし けん", "北部高齢者サポートセンター（第2層SC）"),
    ],
}
L1_AGENDA = [
    [("report", "生活支援コーディネーターの活動報告", "第1層SC"), ("discussion", "地域の困りごと（ニーズ）の整理", "事務局"),
     ("exchange", "各団体の取組紹介", "委員")],
    [("report", "第2層協議体の開催状況", "第2層SC"), ("discussion", "買い物支援の仕組みづくり", "事務局"),
     ("discussion", "通院送迎ボランティアの検討", "事務局")],
    [("report", "アドバイザーチームへの報告内容", "事務局"), ("exchange", "担い手養成講座のふりかえり", "委員"),
     ("discussion", "次年度の重点取組", "委員長")],
]  # fmt: skip
L2_AGENDA = [
    [("report", "圏域の活動状況", "第2層SC"), ("exchange", "地域で聞いた困りごと", "委員")],
    [("discussion", "サロンの立ち上げ支援", "第2層SC"), ("exchange", "見守りの取組", "自治会")],
    [("report", "地域資源マップの更新", "第2層SC"), ("discussion", "ごみ出し支援の検討", "委員")],
    [("exchange", "一年のふりかえり", "委員長")],
]  # fmt: skip
MINUTES = (
    "開会のあいさつ（委員長）\n"
    "{agenda}\n"
    "主な意見：\n・近くに買い物できる場所がないという声が複数の地区から出ている。\n"
    "・担い手の高齢化が進んでおり、若い世代（学生）との連携が必要。\n"
    "閉会（事務局より次回日程の連絡）"
)


def _members(council, rows, actor, users_by_name=None, term_start=None):
    for i, (role, name, reading, organisation) in enumerate(rows):
        council_services.add_member(
            council,
            {"name": name, "reading": reading, "organisation": organisation, "role": role, "sort_order": i,
             "term_from": term_start, "term_to": term_start.replace(year=term_start.year + 2) - datetime.timedelta(days=1),
             "user": (users_by_name or {}).get(name)},
            actor=actor,
        )  # fmt: skip


def _meeting(council, day, agenda, actor, *, today, written=False):
    held = day < today
    members = list(council.members.all())
    meeting = meeting_services.create_meeting(
        council,
        {
            "date": day, "start_time": datetime.time(14, 0), "end_time": datetime.time(15, 30),
            "place": "" if written else ("ひなた市役所 3階 会議室" if council.layer == 1 else f"{council.area.name} 地域交流センター"),
            "format": "written" if written else "in_person", "status": "held" if held else "planned",
            "attendees": [m for m in members if m.role != "observer"][: max(3, len(members) - 2)] if held else [],
            "notice_text": "" if not written else "新型感染症の状況を踏まえ、書面により開催します。",
        },
        actor=actor,
    )  # fmt: skip
    for kind, title, presenter in agenda:
        meeting_services.add_agenda_item(
            meeting, {"kind": kind, "title": title, "presenter": presenter}, actor=actor
        )
    if held:
        lines = "\n".join(f"{i}. {title}" for i, (_k, title, _p) in enumerate(agenda, start=1))
        meeting_services.update_meeting(meeting, {"minutes": MINUTES.format(agenda=lines)}, actor=actor)
    return meeting


def load(ctx) -> None:
    if Council.objects.exists():
        return
    actor = ctx.users.get("sato") or ctx.actor
    today = timezone.localdate()
    current = fiscal_year_of(today)
    years = [current - 2, current - 1, current]
    term_start = datetime.date(current - 1, 4, 1)  # the two-year term in force today

    l1 = council_services.create_council(
        ctx.municipality,
        {"name": "ひなた市生活支援体制推進会議", "layer": 1, "area": ctx.areas["ALL"],
         "purpose": "市全域の生活支援・介護予防サービスの体制整備に向けて、多様な主体の情報共有と連携・協働を進める（第1層協議体）。",
         "secretariat": "ひなた市 高齢福祉課・ひなた市社会福祉協議会", "established_on": datetime.date(years[0] - 3, 7, 1)},
        actor=actor,
    )  # fmt: skip
    council_services.add_body(
        l1, {"name": "ひなた市生活支援アドバイザーチーム", "relation": "reports_to",
             "description": "学識経験者と県のアドバイザーで構成。協議体の検討結果の報告を受け、助言する。"},
        actor=actor,
    )  # fmt: skip
    council_services.add_body(
        l1, {"name": "地域包括支援センター連絡会", "relation": "cooperates"}, actor=actor
    )
    watanabe = ctx.users.get("watanabe")
    _members(l1, L1_MEMBERS, actor, {"渡辺 和夫": watanabe} if watanabe else None, term_start)

    l2 = {}
    for code, name in (("A01", "中央圏域 支え合い協議体"), ("A02", "北部圏域 支え合い協議体")):
        l2[code] = council_services.create_council(
            ctx.municipality,
            {"name": name, "layer": 2, "area": ctx.areas[code],
             "purpose": "圏域の困りごとと地域資源を共有し、身近な支え合いの仕組みをつくる（第2層協議体）。",
             "secretariat": L2_MEMBERS[code][-1][3]},
            actor=actor,
        )  # fmt: skip
        _members(l2[code], L2_MEMBERS[code], actor, term_start=term_start)

    shopping_action = None
    for y_index, fy in enumerate(years):
        for m_index, (month, day) in enumerate(((6, 18), (10, 22), (2, 16))):
            year = fy if month >= 4 else fy + 1
            written = y_index == 0 and m_index == 1  # one meeting held in writing, as Maebashi did in R2
            meeting = _meeting(
                l1, datetime.date(year, month, day), L1_AGENDA[m_index], actor, today=today, written=written
            )
            if meeting.status != Meeting.Status.HELD:
                continue
            if y_index == 0 and m_index == 1:
                decision = meeting_services.add_decision(
                    meeting, {"text": "買い物支援のモデル事業を中央圏域で試行する。", "agenda_item": meeting.agenda_items.get(order=2)},
                    actor=actor,
                )  # fmt: skip
                shopping_action = followup.create_action_item(
                    l1, {"title": "買い物支援（おでかけ買い物便）の試行", "owner": "佐藤（第1層SC）",
                         "description": "商店会・シルバー人材センターと協力し、週1回の買い物送迎を試行する。",
                         "due_date": datetime.date(year + 1, 3, 31), "meeting": meeting, "decision": decision,
                         "agenda_item": meeting.agenda_items.get(order=2)},
                    actor=actor,
                )  # fmt: skip
                followup.create_action_item(
                    l1, {"title": "通院送迎ボランティアの担い手募集", "owner": "ボランティア連絡協議会",
                         "due_date": datetime.date(year, 12, 31), "meeting": meeting,
                         "agenda_item": meeting.agenda_items.get(order=3), "status": "done",
                         "closed_on": datetime.date(year, 11, 30)},
                    actor=actor,
                )  # fmt: skip
            if y_index == 1 and m_index == 0:
                followup.create_action_item(
                    l1, {"title": "学生ボランティアとの連携方法の検討", "owner": "ひなた大学 岡田委員",
                         "due_date": datetime.date(fy + 1, 3, 31), "meeting": meeting, "status": "in_progress"},
                    actor=actor,
                )  # fmt: skip
            if y_index == 2 and m_index == 0:
                followup.create_action_item(
                    l1, {"title": "次年度重点取組案の作成", "owner": "事務局",
                         "due_date": datetime.date(fy, 9, 30), "meeting": meeting},
                    actor=actor,
                )  # fmt: skip
                material_services.take_snapshot(meeting, "councils.open_action_items", actor=actor)
                if get_snapshot_kind("activities.monthly_report") is not None:
                    material_services.take_snapshot(meeting, "activities.monthly_report", actor=actor)

        for code, council in l2.items():
            for m_index, (month, day) in enumerate(((5, 20), (8, 26), (11, 18), (2, 24))):
                year = fy if month >= 4 else fy + 1
                meeting = _meeting(
                    council, datetime.date(year, month, day), L2_AGENDA[m_index], actor, today=today
                )
                if meeting.status == Meeting.Status.HELD and m_index == 1 and y_index >= 1:
                    followup.create_action_item(
                        council, {"title": "サロン「ほっと本町」2号店の会場探し" if code == "A01" else "ごみ出し支援の担い手募集",
                                  "owner": council.members.get(role="secretariat").name,
                                  "due_date": datetime.date(year, 12, 25), "meeting": meeting,
                                  "status": "done" if y_index == 1 else "open",
                                  "closed_on": datetime.date(year, 12, 1) if y_index == 1 else None},
                        actor=actor,
                    )  # fmt: skip

    if shopping_action is not None and followup.directory_available():
        followup.create_resource_from(
            shopping_action,
            {"name": "おでかけ買い物便",
             "description": "協議体の検討から生まれた、週1回の買い物送迎（中央圏域で試行）。"},
            actor=actor,
        )  # fmt: skip
