"""Japanese search: width and kana folding, two-character words, ranking, filters and distance —
the same answers on SQLite and PostgreSQL (run this file on both)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from sasaeai.directory import services
from sasaeai.directory.models import Category, Resource
from sasaeai.directory.services.search import SearchParams, distance_m, public_resources, search_resources
from sasaeai.directory.services.text import normalise

from .conftest import WEDNESDAY_MORNING


def names(city, **params):
    with scope(municipality=city):
        result = search_resources(Resource.objects.all(), SearchParams(**params))
        return [r.name for r in result.items]


def test_width_case_and_kana_fold_to_the_same_text():
    assert normalise("ｻﾛﾝ") == normalise("サロン") == normalise("さろん") == "さろん"
    assert normalise("ＡＢＣ　体操") == "abc体操"


@pytest.mark.parametrize("query", ["ｻﾛﾝ", "サロン", "さろん", "ｻﾛﾝ "])
def test_half_width_katakana_hiragana_and_katakana_find_the_same_salon(make_resource, city, query):
    make_resource("ふれあいサロン")
    make_resource("囲碁クラブ")
    assert names(city, q=query) == ["ふれあいサロン"]


def test_two_character_words_are_found(make_resource, city):
    make_resource("いきいき百歳体操")
    make_resource("配食ボランティア", description="お弁当を届けます")
    make_resource("絵手紙の会")
    assert names(city, q="体操") == ["いきいき百歳体操"]
    assert names(city, q="配食") == ["配食ボランティア"]
    assert names(city, q="絵手紙") == ["絵手紙の会"]


def test_a_reading_finds_a_resource_written_in_kanji(make_resource, city):
    make_resource("絵手紙の会", reading="えてがみのかい")
    assert names(city, q="エテガミ") == ["絵手紙の会"]


def test_several_words_must_all_match(make_resource, city):
    make_resource("ふれあいサロン", description="お茶と体操")
    make_resource("朝のサロン", description="おしゃべり")
    assert names(city, q="サロン　体操") == ["ふれあいサロン"]


def test_ranking_puts_name_before_reading_before_category_before_description(make_resource, city):
    make_resource("健康づくりの会", description="みんなでサロンを開きます")
    make_resource("お茶会", categories=["定期型サロン"])
    make_resource("ひだまり", reading="さろんひだまり")
    make_resource("わいわいサロン")
    assert names(city, q="ｻﾛﾝ") == ["わいわいサロン", "ひだまり", "お茶会", "健康づくりの会"]


def test_searching_a_parent_category_finds_resources_filed_under_its_children(make_resource, city):
    make_resource("百歳体操", categories=["体操教室"])
    make_resource("将棋の会", categories=["囲碁・将棋"])
    with scope(municipality=city):
        parent = Category.objects.get(name="介護予防・体操")
    assert names(city, category=parent) == ["百歳体操"]
    assert names(city, q="介護予防") == ["百歳体操"]


def test_an_area_finds_resources_of_its_subtree_and_those_serving_it(make_resource, city):
    make_resource("本町サロン", area=city.area_a1)
    make_resource("北山サロン", area=city.area_b1)
    make_resource("全市の配食", area=city.root, service_areas=[city.area_a])
    assert names(city, area=city.area_a) == ["全市の配食", "本町サロン"]
    assert set(names(city, area=city.root)) == {"本町サロン", "北山サロン", "全市の配食"}


def test_a_weekday_finds_active_resources_meeting_that_day(make_resource, city):
    make_resource("水曜サロン", schedules=[WEDNESDAY_MORNING])
    make_resource("木曜以外のサロン", schedules=[{"freq": "DAILY", "byday": "MO,TU,WE,FR,SA,SU"}])
    make_resource("休止中の水曜体操", schedules=[WEDNESDAY_MORNING], status="paused")
    make_resource("第2第4火曜の絵手紙", schedules=[{"freq": "MONTHLY", "byday": "2TU,4TU"}])
    today = date(2026, 11, 2)  # a Monday
    assert names(city, weekday=2, today=today) == ["木曜以外のサロン", "水曜サロン"]
    assert names(city, weekday=3, today=today) == []
    assert names(city, weekday=1, today=today) == ["木曜以外のサロン", "第2第4火曜の絵手紙"]


def test_a_weekday_search_respects_closures_on_the_next_such_day(make_resource, city):
    make_resource(
        "祝日休みの月曜体操", schedules=[{"freq": "WEEKLY", "byday": "MO"}], closures=[{"kind": "holidays"}]
    )
    make_resource("祝日も開く月曜サロン", schedules=[{"freq": "WEEKLY", "byday": "MO"}])
    make_resource(
        "今週だけ休む水曜会", schedules=[WEDNESDAY_MORNING],
        closures=[{"kind": "period", "starts_on": date(2026, 11, 25), "reason": "会場点検"}],
    )  # fmt: skip
    today = date(2026, 11, 20)  # the next Monday is 2026-11-23, 勤労感謝の日
    assert names(city, weekday=0, today=today) == ["祝日も開く月曜サロン"]
    assert names(city, weekday=2, today=today) == []
    assert names(city, weekday=2, today=date(2026, 11, 26)) == ["今週だけ休む水曜会"]


def test_near_a_point_returns_resources_within_the_radius_nearest_first_with_distance(make_resource, city):
    make_resource("すぐ近く", place=(36.3805, 139.7305))
    make_resource("少し先", place=(36.3880, 139.7300))
    make_resource("遠く", place=(36.4500, 139.7300))
    make_resource("場所なし")
    with scope(municipality=city):
        result = search_resources(Resource.objects.all(), SearchParams(near=(36.38, 139.73), radius_m=2000))
        assert [r.name for r in result.items] == ["すぐ近く", "少し先"]
        assert result.count == 2
        d = [result.distances[r.pk] for r in result.items]
    assert 60 < d[0] < 80 and 880 < d[1] < 900


def test_distance_is_the_great_circle_distance():
    # Tokyo station to Shinjuku station, about 6.2 km.
    assert 6000 < distance_m(35.6812, 139.7671, 35.6896, 139.7006) < 6300


def test_staff_filters_for_status_sector_and_not_verified_for_a_year(make_resource, city):
    with scope(municipality=city):
        from sasaeai.directory.models import OrganizationType

        club = services.create_organization(
            city, {"name": "老人クラブ", "type": OrganizationType.objects.get(name="老人クラブ")}, actor=None
        )
    make_resource("昔確認", last_verified=date(2024, 1, 5), organization=club)
    make_resource("最近確認", last_verified=timezone.localdate() - timedelta(days=30))
    never = make_resource("未確認", status="paused")
    make_resource("今日登録")
    with scope(municipality=city):
        Resource.objects.filter(pk=never.pk).update(created_at=timezone.now() - timedelta(days=400))
    today = timezone.localdate()
    assert names(city, stale=True, today=today) == ["昔確認", "未確認"]
    assert names(city, status="paused") == ["未確認"]
    assert names(city, sector="community") == ["昔確認"]


def test_the_public_sees_only_published_running_resources(make_resource, city):
    make_resource("公開中")
    make_resource("非公開", published=False)
    make_resource("準備中", status="preparing")
    make_resource("終了", status="ended")
    make_resource("休止中", status="paused")
    with scope(municipality=city):
        assert sorted(r.name for r in public_resources()) == ["休止中", "公開中"]


def test_another_municipality_never_shows_up(make_resource, city, other_city):
    make_resource("ひなたサロン")
    with scope(municipality=other_city):
        services.create_resource(
            other_city, {"name": "こもれびサロン", "status": "active", "published": True}, actor=None
        )
        assert [r.name for r in search_resources(Resource.objects.all(), SearchParams(q="サロン")).items] == [
            "こもれびサロン"
        ]
    assert names(city, q="サロン") == ["ひなたサロン"]


def test_a_resource_entered_on_the_local_day_a_year_ago_is_not_yet_stale(make_resource, city):
    """ "Not verified for a year" counts in local days: 00:30 JST is already the next day in Japan
    though it is still the day before in UTC."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")
    late = make_resource("前日の深夜に登録")
    early = make_resource("当日の未明に登録")
    with scope(municipality=city):
        Resource.objects.filter(pk=late.pk).update(created_at=datetime(2025, 11, 22, 23, 30, tzinfo=tokyo))
        Resource.objects.filter(pk=early.pk).update(created_at=datetime(2025, 11, 23, 0, 30, tzinfo=tokyo))
    assert names(city, stale=True, today=date(2026, 11, 23)) == ["前日の深夜に登録"]
    assert names(city, stale=True, today=date(2026, 11, 24)) == ["前日の深夜に登録", "当日の未明に登録"]


@pytest.mark.parametrize("query", ["", "サロン"])
def test_pages_and_totals_agree_with_and_without_words(make_resource, city, query):
    for i in range(7):
        make_resource(f"サロン{i}", description="おしゃべり")
    make_resource("囲碁クラブ")
    expected = 7 if query else 8
    with scope(municipality=city):
        everything = [r.name for r in search_resources(Resource.objects.all(), SearchParams(q=query)).items]
        pages = [
            search_resources(Resource.objects.all(), SearchParams(q=query), offset=offset, limit=3)
            for offset in (0, 3, 6, 9)
        ]
    assert [p.count for p in pages] == [expected] * 4
    assert [r.name for p in pages for r in p.items] == everything
    assert len(everything) == expected and pages[-1].items == []


def test_the_search_indexes_serve_the_searches(make_resource, city):
    """PostgreSQL finds two-character words through the bigram index, whose pieces are cut exactly
    as Python cuts the query; on both databases a list without words is read in index order.
    A guard on the query plans (what bench/directory_search.py measures): an index expression that
    stops matching the query would silently fall back to scanning the table."""
    from django.db import connection
    from django_scopes import scopes_disabled

    from sasaeai.directory.services.search import _ranked, filter_text
    from sasaeai.directory.services.text import bigrams

    make_resource("いきいき百歳体操")
    with scopes_disabled():  # the text condition alone, without the municipality's
        worded = filter_text(Resource.objects.order_by(), ["体操"]).values("pk")
    with scope(municipality=city):
        listed = _ranked(Resource.objects.all(), []).values("pk")[:50]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A table of one row is read whole by choice: ask whether the indexes *can* serve.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
                for text in ["", "体", "体操", "ふれあい|さろん", "🍵お茶会🍵", "abcab"]:
                    cursor.execute("SELECT sasaeai_bigrams(%s)", [text])
                    assert sorted(cursor.fetchone()[0]) == bigrams(text)
                explain = "EXPLAIN"
            else:
                explain = "EXPLAIN QUERY PLAN"
            plans = []
            for qs in (worded, listed):
                sql, params = qs.query.sql_with_params()
                cursor.execute(f"{explain} {sql}", params)
                plans.append(" ".join(str(row) for row in cursor.fetchall()))
    if connection.vendor == "postgresql":
        assert "resource_search_grams_idx" in plans[0]
    else:
        assert "sasaeai_bigrams" not in str(worded.query)
    assert "resource_list_order_idx" in plans[1]
    assert bigrams("たいそう") == ["いそ", "そう", "たい"] and bigrams("体") == []


def test_a_resource_deleted_between_the_ids_and_the_rows_is_left_out(make_resource, city):
    make_resource("残るサロン")
    gone = make_resource("消えたサロン")
    with scope(municipality=city):
        rows_after_the_delete = Resource.objects.exclude(pk=gone.pk)  # what the second query would find
        for params in (SearchParams(q="サロン"), SearchParams()):
            result = search_resources(Resource.objects.all(), params, fetch=rows_after_the_delete)
            assert [r.name for r in result.items] == ["残るサロン"]
