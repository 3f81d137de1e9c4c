"""The area tree: rules, pages, population, import and export."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from sasaeai.core.models import Area, AreaPopulation
from sasaeai.core.services import areas as svc
from sasaeai.core.tabular import read_table


def test_the_path_makes_a_subtree_one_query(in_city):
    city = in_city
    assert set(city.area_a.subtree().values_list("name", flat=True)) == {"中央圏域", "本町"}
    assert city.root.subtree().count() == 5


def test_a_child_must_be_on_the_parents_layer_or_the_next(in_city):
    with pytest.raises(ValidationError) as exc:
        svc.create_area(in_city, {"name": "飛び級", "layer": 3, "parent": in_city.root}, actor=None)
    assert "layer" in exc.value.message_dict


def test_only_a_first_layer_area_can_be_a_root(in_city):
    with pytest.raises(ValidationError) as exc:
        svc.create_area(in_city, {"name": "宙に浮いた地区", "layer": 2}, actor=None)
    assert "parent" in exc.value.message_dict


def test_an_area_cannot_move_under_its_own_child(in_city):
    with pytest.raises(ValidationError) as exc:
        svc.update_area(in_city.area_a, {"parent": in_city.area_a1, "layer": 3}, actor=None)
    assert "parent" in exc.value.message_dict


def test_moving_an_area_moves_its_subtree(in_city):
    city = in_city
    svc.update_area(city.area_a1, {"parent": city.area_b}, actor=None)
    town = Area.objects.create(municipality=city, parent=city.area_a1, layer=3, name="新町")
    svc.update_area(town, {}, actor=None)  # computes its path
    svc.update_area(city.area_a1, {"parent": city.area_a}, actor=None)
    town.refresh_from_db()
    assert town.path.startswith(city.area_a.path)


def test_codes_are_unique_within_a_municipality_but_not_across(in_city, other_city):
    with pytest.raises(ValidationError) as exc:
        svc.create_area(
            in_city, {"name": "重複", "layer": 2, "parent": in_city.root, "code": "A"}, actor=None
        )
    assert "code" in exc.value.message_dict
    with scope(municipality=other_city):
        svc.create_area(
            other_city, {"name": "A地区", "layer": 2, "parent": other_city.root, "code": "A"}, actor=None
        )


def test_coordinates_outside_japan_are_refused_in_japanese(in_city):
    with pytest.raises(ValidationError) as exc:
        svc.update_area(in_city.area_a, {"latitude": 51.5, "longitude": -0.1}, actor=None)
    assert "日本" in str(exc.value.message_dict["latitude"]) or "範囲" in str(
        exc.value.message_dict["latitude"]
    )


def test_an_area_with_sub_areas_cannot_be_deleted(in_city):
    with pytest.raises(ValidationError):
        svc.delete_area(in_city.area_a, actor=None)


def test_population_figures_must_be_consistent(in_city):
    with pytest.raises(ValidationError) as exc:
        svc.set_population(
            in_city.area_a1, 2025, {"total": 100, "aged_65_plus": 150, "aged_75_plus": 10}, actor=None
        )
    assert "aged_65_plus" in exc.value.message_dict


def test_subtree_population_sums_the_towns(in_city):
    figures = {"total": 1000, "aged_65_plus": 300, "aged_75_plus": 150, "elderly_single_households": 40}
    svc.set_population(in_city.area_a1, 2025, figures, actor=None)
    svc.set_population(in_city.area_b1, 2025, figures, actor=None)
    assert svc.subtree_population(in_city.root, 2025)["aged_65_plus"] == 600
    assert svc.subtree_population(in_city.area_a, 2025)["total"] == 1000


def test_a_stale_edit_is_refused_instead_of_overwriting(cast, client_for, city):
    url = f"/m/{city.code}/areas/{city.area_a.pk}/edit/"
    form = {"layer": 2, "parent": city.root.pk, "name": "中央圏域（改）", "sort_order": 0}
    first = client_for(cast.officer).post(url, {**form, "version": city.area_a.version})
    assert first.status_code == 302
    second = client_for(cast.l1).post(
        url, {**form, "name": "古い版からの変更", "version": city.area_a.version}
    )
    assert second.status_code == 200
    assert "他の人が" in second.content.decode()
    with scope(municipality=city):
        assert Area.objects.get(pk=city.area_a.pk).name == "中央圏域（改）"


def test_officer_creates_an_area_from_the_page(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/m/{city.code}/areas/new/",
        {"parent": city.area_a.pk, "layer": 3, "name": "錦町", "reading": "にしきちょう", "latitude": "36.39",
         "longitude": "139.74", "sort_order": 1},
    )  # fmt: skip
    assert response.status_code == 302
    with scope(municipality=city):
        area = Area.objects.get(name="錦町")
    assert area.path.startswith(city.area_a.path)
    detail = client_for(cast.viewer).get(response["Location"]).content.decode()
    assert "錦町" in detail and "作成" in detail  # the history shows the creation


def test_the_area_form_shows_japanese_errors(cast, client_for, city):
    response = client_for(cast.officer).post(
        f"/m/{city.code}/areas/new/", {"layer": 2, "name": "迷子", "sort_order": 0}
    )
    assert response.status_code == 200
    assert "上位の圏域・地区を選んでください" in response.content.decode()


def _xlsx(rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "areas.xlsx"
    return buffer


def test_import_previews_then_commits_areas_and_population(cast, client_for, city):
    c = client_for(cast.officer)
    upload = _xlsx(
        [
            [
                "地区コード",
                "名称",
                "ふりがな",
                "階層",
                "親地区コード",
                "緯度",
                "経度",
                "年",
                "総人口",
                "65歳以上",
                "75歳以上",
            ],
            ["C", "東部圏域", "とうぶ", 2, "ALL", 36.37, 139.78, None, None, None, None],
            ["C-1", "朝日町", "あさひちょう", 3, "C", 36.371, 139.781, 2025, 3200, 1010, 540],
        ]
    )
    preview = c.post(f"/m/{city.code}/areas/import/", {"file": upload})
    assert preview.status_code == 200
    assert "2 行" in preview.content.decode() or "2行" in preview.content.decode()
    with scope(municipality=city):
        assert not Area.objects.filter(code="C").exists()  # the preview saved nothing
    token = preview.context["token"]
    done = c.post(f"/m/{city.code}/areas/import/", {"token": token})
    assert done.status_code == 302
    with scope(municipality=city):
        town = Area.objects.get(code="C-1")
        assert town.parent.code == "C"
        assert AreaPopulation.objects.get(area=town, year=2025).aged_65_plus == 1010


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_row(cast, client_for, city):
    upload = _xlsx(
        [
            ["名称", "階層", "親地区コード"],
            ["東部圏域", 2, "ALL"],
            ["迷子町", 3, "NOPE"],
        ]
    )
    response = client_for(cast.officer).post(f"/m/{city.code}/areas/import/", {"file": upload})
    errors = response.context["report"].errors
    assert [(e.row, e.field) for e in errors] == [(3, "parent_code")]
    assert "NOPE" in errors[0].message
    with scope(municipality=city):
        assert not Area.objects.filter(name="東部圏域").exists()


def test_a_shift_jis_csv_from_excel_is_read():
    raw = "名称,階層\n東部圏域,2\n".encode("cp932")
    table = read_table(raw, "areas.csv")
    assert table.rows == [{"名称": "東部圏域", "階層": "2"}]


def test_export_round_trips_through_import(cast, client_for, city, other_city):
    with scope(municipality=city):
        svc.set_population(
            city.area_a1, 2025, {"total": 900, "aged_65_plus": 300, "aged_75_plus": 100}, actor=None
        )
    exported = client_for(cast.officer).get(f"/m/{city.code}/areas/export/?format=xlsx")
    assert exported.status_code == 200
    table = read_table(exported.content, "x.xlsx")
    assert {r["名称"] for r in table.rows} == {"ひなた市全域", "中央圏域", "北部圏域", "本町", "北山"}
    # importing the export into an empty municipality rebuilds the same tree
    with scope(municipality=other_city):
        Area.objects.filter(parent__isnull=False).delete()
        Area.objects.all().delete()
        report = svc.import_areas(other_city, table, actor=None, commit=True)
        assert report.ok, report.errors
        assert Area.objects.get(code="A-1").parent.code == "A"
        assert AreaPopulation.objects.get(area__code="A-1", year=2025).total == 900


def test_csv_export_opens_in_excel_with_a_bom(cast, client_for, city):
    response = client_for(cast.viewer).get(f"/m/{city.code}/areas/export/?format=csv")
    assert response.content.startswith("\ufeff".encode())
    assert "中央圏域" in response.content.decode("utf-8-sig")


def test_a_new_municipality_starts_with_its_whole_area(db, capsys):
    from django.core.management import call_command

    from sasaeai.core.models import Municipality

    call_command("municipality", "add", "092088", "小山市", "栃木県", "--lat", "36.31", "--lon", "139.80")
    m = Municipality.objects.get(code="092088")
    with scope(municipality=m):
        assert list(Area.objects.values_list("name", "layer")) == [("小山市全域", 1)]


def test_a_municipality_code_with_a_wrong_check_digit_is_refused(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="検査数字"):
        call_command("municipality", "add", "092087", "小山市", "栃木県")


def test_area_filter_options_are_indented_in_tree_order_escaped_and_keep_the_choice(city):
    from sasaeai.core.forms import area_option_tags
    from tests import factories

    with scope(municipality=city):
        factories.area(city, "<b>北</b>&南", 3, parent=city.area_b)
        html = str(area_option_tags(city.area_a1))
        by_id = str(area_option_tags(str(city.area_a1.pk)))
    assert html == by_id
    assert html.index("ひなた市全域") < html.index("中央圏域") < html.index("本町")
    assert f'<option value="{city.area_a1.pk}" selected>　　本町</option>' in html
    assert html.count(" selected") == 1
    assert "　　&lt;b&gt;北&lt;/b&gt;&amp;南" in html and "<b>" not in html
