"""The printable 地域情報マップ: numbered markers on a plain background, the numbered list, the font."""

import re
import zlib

from django_scopes import scope

from sasaeai.directory.mapsheet import build_sheet
from sasaeai.directory.models import Category, Resource


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so that names and boxes can be looked for."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_resources_at_one_place_share_one_marker_with_a_run_of_numbers(make_resource, city):
    for name in ("朝の体操", "昼のサロン", "夜の囲碁"):
        make_resource(name, area=city.area_a1, place=(36.381, 139.731))
    make_resource("駅前カフェ", area=city.area_a1, place=(36.385, 139.735))
    make_resource("場所未定", area=city.area_a1)
    with scope(municipality=city):
        sheet = build_sheet(Resource.objects.all(), city.area_a, [], "A4", "")
    assert [e.number for e in sheet["entries"]] == [1, 2, 3, 4, 5]
    assert sorted(m["label"] for m in sheet["markers"]) == ["1–3", "4"] or sorted(
        m["label"] for m in sheet["markers"]
    ) == ["1", "2–4"]
    assert sheet["entries"][-1].name == "場所未定"
    assert all(
        0 <= m["x"] <= sheet["svg_width"] and 0 <= m["y"] <= sheet["svg_height"] for m in sheet["markers"]
    )


def test_the_pdf_for_an_area_and_categories_embeds_the_japanese_font(make_resource, cast, client_for, city):
    make_resource("水曜サロン", area=city.area_a1, categories=["定期型サロン"], place=(36.381, 139.731),
                  schedules=[{"freq": "WEEKLY", "byday": "WE"}])  # fmt: skip
    make_resource("北山体操", area=city.area_b1, categories=["体操教室"], place=(36.42, 139.73))
    with scope(municipality=city):
        salon = Category.objects.get(name="居場所・サロン")
    response = client_for(cast.l2_a).get(
        f"/m/{city.code}/directory/map.pdf", {"area": city.area_a.pk, "categories": [salon.pk], "size": "A3"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = pdf_objects(response.content)
    assert b"IPAexGothic" in pdf and b"/FontFile2" in pdf  # the font is embedded, not referenced
    assert re.search(rb"/MediaBox \[0 0 1190\.\d+ 841\.\d+\]", pdf)  # A3 landscape: 420 mm = 1190.55 pt


def test_the_public_pdf_shows_only_published_resources(make_resource, client, city):
    make_resource("公開サロン", area=city.area_a1, place=(36.381, 139.731))
    make_resource("内部の会", area=city.area_a1, published=False, place=(36.381, 139.731))
    with scope(municipality=city):
        from sasaeai.directory.services.search import public_resources

        sheet = build_sheet(public_resources(), city.area_a, [], "A4", "")
    assert [e.name for e in sheet["entries"]] == ["公開サロン"]
    response = client.get(f"/p/{city.code}/map.pdf", {"area": city.area_a.pk})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
