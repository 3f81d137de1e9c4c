"""The editable lists: organisation types by sector and the two-level category taxonomy."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from sasaeai.core.models import Municipality

from ..models import Category, OrganizationType, Sector

DEFAULT_ORGANIZATION_TYPES = [
    (Sector.COMMUNITY, ["自治会・町会", "地区社協", "校区福祉委員会", "民生委員協議会", "老人クラブ"]),
    (Sector.INSTITUTION, ["社会福祉法人", "介護事業所", "医療機関", "地域包括支援センター", "行政"]),
    (
        Sector.DIVERSE,
        [
            "NPO法人",
            "生協",
            "民間企業",
            "商店",
            "シルバー人材センター",
            "ボランティア団体",
            "大学・学校",
            "任意団体",
        ],
    ),
]

# (code, name, children)
DEFAULT_CATEGORIES = [
    ("salon", "居場所・サロン", ["定期型サロン", "常設型サロン", "子ども・多世代食堂", "カフェ"]),
    ("prevention", "介護予防・体操", ["体操教室", "ウォーキング", "認知症予防"]),
    ("hobby", "趣味・生きがい", ["絵手紙・手芸", "囲碁・将棋", "歌・音楽", "園芸・農作業"]),
    ("watch", "見守り・安否確認", ["見守りネットワーク", "訪問・声かけ"]),
    ("meal", "配食・会食", ["配食サービス", "会食会"]),
    ("shopping", "買い物支援", ["移動販売", "買い物代行", "買い物送迎"]),
    ("mobility", "移動・外出支援", ["通院送迎", "外出付き添い"]),
    ("housework", "家事支援", ["ごみ出し", "掃除・片付け", "庭の手入れ"]),
    ("consultation", "相談", ["総合相談", "認知症相談"]),
    ("work", "就労・社会参加", ["ボランティア活動", "シルバー人材"]),
    ("housing", "住まい", ["住まい探し", "住宅改修"]),
]


def ensure_defaults(municipality: Municipality, *, actor) -> None:
    """Give a municipality the default lists once (it can edit them afterwards)."""
    # Its own scope: the demo calls this for the second municipality from inside the first one's.
    with scope(municipality=municipality), transaction.atomic():
        if not OrganizationType.objects.filter(municipality=municipality).exists():
            order = 0
            for sector, names in DEFAULT_ORGANIZATION_TYPES:
                for name in names:
                    order += 10
                    t = OrganizationType(
                        municipality=municipality, name=name, sector=sector, sort_order=order
                    )
                    t._history_user = actor
                    t.save()
        if not Category.objects.filter(municipality=municipality).exists():
            for i, (code, name, children) in enumerate(DEFAULT_CATEGORIES, start=1):
                parent = Category(municipality=municipality, name=name, code=code, sort_order=i * 10)
                parent._history_user = actor
                parent.save()
                for j, child_name in enumerate(children, start=1):
                    child = Category(
                        municipality=municipality,
                        parent=parent,
                        name=child_name,
                        code=f"{code}-{j}",
                        sort_order=j,
                    )
                    child._history_user = actor
                    child.save()


def save_category(
    municipality: Municipality, data: dict, *, actor, category: Category | None = None
) -> Category:
    category = category or Category(municipality=municipality)
    for key in ("name", "code", "description", "sort_order", "parent"):
        if key in data:
            setattr(category, key, data[key])
    errors = {}
    if not (category.name or "").strip():
        errors["name"] = _("Enter a name.")
    parent = category.parent
    if parent is not None:
        if parent.municipality_id != municipality.pk:
            errors["parent"] = _("The parent category belongs to another municipality.")
        elif parent.parent_id is not None:
            errors["parent"] = _("Categories have two levels: choose a top-level category as the parent.")
        elif category.pk and parent.pk == category.pk:
            errors["parent"] = _("A category cannot be its own parent.")
        elif category.pk and category.children.exists():
            errors["parent"] = _("This category has sub-categories, so it must stay at the top level.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        category._history_user = actor
        category.save()
        from .resources import refresh_search_for

        refresh_search_for(category.resources.all())
        for child in category.children.all():
            refresh_search_for(child.resources.all())
    return category


def save_organization_type(
    municipality: Municipality, data: dict, *, actor, org_type=None
) -> OrganizationType:
    org_type = org_type or OrganizationType(municipality=municipality)
    for key in ("name", "sector", "sort_order"):
        if key in data:
            setattr(org_type, key, data[key])
    errors = {}
    if not (org_type.name or "").strip():
        errors["name"] = _("Enter a name.")
    if org_type.sector not in Sector.values:
        errors["sector"] = _("Choose a sector.")
    elif (
        OrganizationType.objects.filter(municipality=municipality, name=org_type.name)
        .exclude(pk=org_type.pk)
        .exists()
    ):
        errors["name"] = _("This type already exists.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        org_type._history_user = actor
        org_type.save()
        org_type.organizations.exclude(sector=org_type.sector).update(sector=org_type.sector)
    return org_type


def category_with_children(category: Category) -> list[int]:
    """A category's id and its children's: searching a parent finds what is filed under its children."""
    return [category.pk, *category.children.values_list("pk", flat=True)]
