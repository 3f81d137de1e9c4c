"""The resource services: the councils' minimal contract, validation in Japanese, history, conflicts."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from sasaeai.directory import services
from sasaeai.directory.models import Resource


def test_a_resource_can_be_created_from_the_minimal_data_the_councils_app_sends(directory, cast):
    with scope(municipality=directory):
        resource = services.create_resource(
            directory, {"name": "買い物支援の立ち上げ", "description": "協議体で提案", "status": "preparing", "published": False},
            actor=cast.l1,
        )  # fmt: skip
        assert resource.status == "preparing" and not resource.published
        assert resource.public_id and resource.created_at and resource.ended_on is None
        assert resource.history.first().history_user == cast.l1


def test_ending_a_resource_records_the_day_it_ended_and_reopening_clears_it(make_resource, directory, cast):
    resource = make_resource("朝のサロン")
    with scope(municipality=directory):
        services.update_resource(resource, {"status": "ended"}, actor=cast.officer)
        assert resource.ended_on == timezone.localdate()
        services.update_resource(resource, {"status": "active"}, actor=cast.officer)
        assert resource.ended_on is None


def test_validation_messages_are_japanese_and_name_the_field(directory):
    with scope(municipality=directory), pytest.raises(ValidationError) as exc:
        services.create_resource(
            directory,
            {"name": " ", "status": "unknown", "min_age": 130,
             "schedules": [{"freq": "WEEKLY", "byday": "XX"}, {"freq": "WEEKLY", "byday": "WE", "opens_at": time(12), "closes_at": time(10)}]},
            actor=None,
        )  # fmt: skip
    errors = exc.value.message_dict
    assert errors["name"] == ["名称を入力してください。"]
    assert "準備中" in errors["status"][0]
    assert errors["min_age"] == ["年齢は0〜120で入力してください。"]


def test_schedule_errors_name_the_row_and_field_in_japanese(directory):
    with scope(municipality=directory), pytest.raises(ValidationError) as exc:
        services.create_resource(
            directory,
            {"name": "体操", "schedules": [{"freq": "WEEKLY", "byday": "XX"}, {"freq": "WEEKLY", "byday": "WE", "opens_at": time(12), "closes_at": time(10)}]},
            actor=None,
        )  # fmt: skip
    errors = exc.value.message_dict
    assert "曜日の指定として正しくありません" in errors["schedules.0.byday"][0]
    assert errors["schedules.1.closes_at"] == ["終了時刻は開始時刻より後にしてください。"]
    with scope(municipality=directory):
        assert not Resource.objects.exists()


def test_a_stale_edit_is_refused_with_a_conflict_on_version(make_resource, directory, cast):
    resource = make_resource("囲碁の会")
    with scope(municipality=directory):
        first = Resource.objects.get(pk=resource.pk)
        second = Resource.objects.get(pk=resource.pk)
        services.update_resource(
            first, {"name": "囲碁・将棋の会"}, actor=cast.officer, expected_version=first.version
        )
        with pytest.raises(ValidationError) as exc:
            services.update_resource(
                second, {"name": "囲碁クラブ"}, actor=cast.l1, expected_version=second.version
            )
        assert "version" in exc.value.message_dict
        assert Resource.objects.get(pk=resource.pk).name == "囲碁・将棋の会"


def test_the_history_keeps_who_changed_what(make_resource, directory, cast):
    resource = make_resource("配食サービス", cost="400円")
    with scope(municipality=directory):
        services.update_resource(resource, {"cost": "450円"}, actor=cast.l2_a)
        from sasaeai.core.history import history_entries

        latest = history_entries(resource)[0]
    assert latest.user == cast.l2_a
    assert any(c.old == "400円" and c.new == "450円" for c in latest.changes)


def test_a_resource_cannot_point_at_another_municipalitys_area(directory, other_city):
    with scope(municipality=directory), pytest.raises(ValidationError) as exc:
        services.create_resource(directory, {"name": "越境", "area": other_city.area_x}, actor=None)
    assert "area" in exc.value.message_dict


def test_renaming_a_category_updates_the_search_of_its_resources(make_resource, directory):
    from sasaeai.directory.models import Category
    from sasaeai.directory.services.taxonomy import save_category

    resource = make_resource("ひまわり", categories=["カフェ"])
    with scope(municipality=directory):
        save_category(
            directory, {"name": "認知症カフェ"}, actor=None, category=Category.objects.get(name="カフェ")
        )
        resource.refresh_from_db()
        assert "認知症かふぇ" in resource.search_text


def test_places_validate_their_point_and_can_be_potential_resources(directory):
    with scope(municipality=directory):
        with pytest.raises(ValidationError) as exc:
            services.create_place(directory, {"name": "集会所", "latitude": 10.0}, actor=None)
        assert exc.value.message_dict["longitude"] == ["緯度と経度の両方を入力してください。"]
        seed = services.create_place(
            directory, {"name": "空き店舗", "is_potential": True, "capacity": 20}, actor=None
        )
        assert seed.is_potential


def test_an_organisation_takes_its_sector_from_its_type(directory):
    from sasaeai.directory.models import OrganizationType

    with scope(municipality=directory):
        org = services.create_organization(
            directory, {"name": "ひなたNPO", "type": OrganizationType.objects.get(name="NPO法人")}, actor=None
        )
        assert org.sector == "diverse"


def test_an_organisation_with_resources_cannot_be_deleted(make_resource, directory):
    with scope(municipality=directory):
        org = services.create_organization(directory, {"name": "自治会"}, actor=None)
    make_resource("見守り", organization=org)
    with scope(municipality=directory), pytest.raises(ValidationError):
        services.delete_organization(org, actor=None)


def test_one_edit_is_one_history_row_holding_field_and_link_changes(make_resource, directory, cast):
    from sasaeai.core.history import history_entries
    from sasaeai.directory.models import Category

    resource = make_resource("ひまわり", cost="無料", categories=["カフェ"])
    with scope(municipality=directory):
        assert [r.history_type for r in resource.history.all()] == ["+"]
        gym = Category.objects.get(name="体操教室")
        services.update_resource(
            resource,
            {"cost": "100円", "categories": [gym], "service_areas": [directory.area_a]},
            actor=cast.l1,
        )
        latest, created = history_entries(resource)
    assert created.kind == "+" and latest.kind == "~" and latest.user == cast.l1
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes["費用"] == ("無料", "100円")
    assert changes["カテゴリ"] == ("居場所・サロン › カフェ", "介護予防・体操 › 体操教室")
    assert changes["対象地区"] == ("—", "中央圏域")


def test_restoring_a_deleted_resource_brings_back_its_links_schedules_closures_and_search(
    make_resource, directory, cast
):
    from sasaeai.core.history import deleted_records, restore

    resource = make_resource(
        "ひまわり", categories=["カフェ"], place=(36.38, 139.73), service_areas=[directory.area_a],
        schedules=[{"freq": "WEEKLY", "byday": "WE", "opens_at": time(10), "closes_at": time(12)}],
        closures=[{"kind": "holidays"}],
    )  # fmt: skip
    with scope(municipality=directory):
        place = resource.places.get()
        # An edit replaces the schedules just before the deletion: only the new one may come back.
        services.update_resource(
            resource, {"name": "ひまわりカフェ", "schedules": [{"freq": "WEEKLY", "byday": "TU", "opens_at": time(9)}]},
            actor=cast.officer,
        )  # fmt: skip
        services.delete_resource(resource, actor=cast.officer)
        trash = deleted_records(directory)
        assert [r.model_label for r in trash] == ["directory.resource"]  # the record alone
        restored = restore(directory, "directory.resource", trash[0].history_id, actor=cast.officer)
        restored = Resource.objects.get(pk=restored.pk)
        assert [c.name for c in restored.categories.all()] == ["カフェ"]
        assert list(restored.places.all()) == [place]
        assert list(restored.service_areas.all()) == [directory.area_a]
        assert [r.history_type for r in restored.history.all()][:2] == ["+", "-"]
        assert restored.history.first().history_change_reason == "restored"
        assert [(s.byday, s.opens_at) for s in restored.schedules.all()] == [("TU", time(9))]
        assert [c.kind for c in restored.closures.all()] == ["holidays"]
        assert (restored.weekdays, restored.search_name) == ("1", "ひまわりかふぇ")
        assert not deleted_records(directory)  # the schedule the edit replaced is not offered either
    from .test_search import names

    assert names(directory, q="ひまわりカフェ", weekday=1) == ["ひまわりカフェ"]


def test_history_written_before_links_were_kept_gets_the_current_links(make_resource, directory, cast):
    """Migration 0006: older history rows receive today's links, so the next edit shows only what it
    changed and a restore brings the links back."""
    import importlib

    from django.apps import apps

    from sasaeai.core.history import history_entries

    migration = importlib.import_module("sasaeai.directory.migrations.0006_snapshot_resource_links")
    resource = make_resource("ひまわり", cost="無料", categories=["カフェ"], service_areas=[directory.area_a])
    with scope(municipality=directory):
        for field in ("categories", "places", "service_areas"):
            apps.get_model(
                "directory", f"HistoricalResource_{field}"
            ).objects.all().delete()  # as before 0005
        migration.snapshot(apps, None)
        migration.snapshot(apps, None)  # running it again adds nothing
        first = resource.history.get()
        assert [c.category_id for c in first.categories.all()] == [c.pk for c in resource.categories.all()]
        assert [a.area_id for a in first.service_areas.all()] == [directory.area_a.pk]
        services.update_resource(resource, {"cost": "100円"}, actor=cast.l1)
        latest = history_entries(resource)[0]
    assert [(c.field, c.old, c.new) for c in latest.changes] == [("費用", "無料", "100円")]
