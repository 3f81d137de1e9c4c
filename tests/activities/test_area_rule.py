"""One rule in the record service: you may record activities only in your own area (pages, API, import)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope

from sasaeai.activities import services
from sasaeai.activities.models import ActivityRecord
from sasaeai.activities.services.imports import import_records
from sasaeai.core.permissions import access_for
from sasaeai.core.tabular import read_table

D = datetime.date


@pytest.mark.parametrize("area", ["area_b1", "area_b", "root", None])
def test_the_service_refuses_an_out_of_area_record_for_an_area_scoped_coordinator(area, city, cast):
    with scope(municipality=city):
        data = {"date": D(2017, 7, 12), "kind": "visit", "area": getattr(city, area) if area else None}
        with pytest.raises(PermissionDenied):
            services.create_record(city, data, actor=cast.l2_a)
        assert not ActivityRecord.objects.exists()


def test_the_service_records_in_the_coordinators_own_subtree(city, cast):
    with scope(municipality=city):
        record = services.create_record(
            city, {"date": D(2017, 7, 12), "kind": "visit", "area": city.area_a1}, actor=cast.center_a
        )
        assert record.area == city.area_a1


def test_the_access_given_by_the_caller_is_the_one_that_counts(city, cast):
    with scope(municipality=city):
        with pytest.raises(PermissionDenied):
            services.create_record(
                city,
                {"date": D(2017, 7, 12), "kind": "visit", "area": city.area_b1},
                actor=cast.officer,
                access=access_for(cast.l2_a, city),
            )
        assert not ActivityRecord.objects.exists()


def test_the_service_refuses_to_move_a_record_out_of_the_coordinators_area(city, cast, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    with scope(municipality=city):
        with pytest.raises(PermissionDenied):
            services.update_record(record, {"area": city.area_b1}, actor=cast.l2_a)
        assert ActivityRecord.objects.get().area == city.area_a1


def test_the_service_refuses_to_change_or_delete_a_record_of_another_area(city, cast, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_b1, cast.l2_b, summary="北部の訪問")
    with scope(municipality=city):
        with pytest.raises(PermissionDenied):
            services.update_record(record, {"summary": "書き換え"}, actor=cast.l2_a)
        with pytest.raises(PermissionDenied):
            services.mark_follow_up_done(record, actor=cast.l2_a)
        with pytest.raises(PermissionDenied):
            services.delete_record(record, actor=cast.l2_a)
        assert ActivityRecord.objects.get().summary == "北部の訪問"


def test_an_api_patch_moving_a_record_to_another_area_is_refused(city, cast, client_for, record_in):
    record = record_in(D(2017, 7, 12), "visit", city.area_a1, cast.l2_a)
    response = client_for(cast.l2_a).patch(
        f"/api/v1/m/{city.code}/activities/{record.pk}",
        {"area": city.area_b1.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    with scope(municipality=city):
        assert ActivityRecord.objects.get().area == city.area_a1


def test_an_imported_row_outside_the_importers_area_is_a_row_error(city, cast):
    table = "日付,種別,地区,担当者,内容\n2017/04/03,訪問,A-1,l2_a,サロン訪問\n2017/04/04,訪問,B-1,l2_a,北部\n"
    with scope(municipality=city):
        report = import_records(
            city,
            read_table(table.encode(), "past.csv"),
            actor=cast.l2_a,
            access=access_for(cast.l2_a, city),
            commit=True,
        )
        assert not report.committed
        assert [(e.row, e.field) for e in report.errors] == [(3, "area")]
        assert "担当" in report.errors[0].message
        assert not ActivityRecord.objects.exists()
