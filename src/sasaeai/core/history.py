"""Row history for the record pages, and recovery of deleted records (django-simple-history)."""

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .models import Municipality, TenantModel

CHANGE_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}

# Change reasons on deletion rows. The trash lists whole records only: not the rows an edit
# replaced (a resource's schedules are replaced as a list), nor the rows deleted as part of another
# record, which come back with it.
REPLACED = "replaced by an edit"
_DELETION = "deletion "
_PART_OF_DELETION = "part of deletion "

# Sent by `restore` inside its transaction, once the record and its links are back (sender: the
# model; instance, deletion: the history row restored from, actor). Apps bring back what their
# services deleted with the record (`delete_with` / `restore_deleted_with`), or raise
# ValidationError to refuse: then nothing is restored.
record_restored = Signal()


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    at: object
    user: object
    kind: str
    label: str
    changes: list[Change]
    reason: str


def _display(model, field_name: str, value):
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return value
    if field.many_to_many:
        # simple-history gives the through rows as dicts: show the names of the related records
        ids = [row.get(field.m2m_reverse_field_name()) for row in value or [] if isinstance(row, dict)]
        names = [str(o) for o in field.related_model._base_manager.filter(pk__in=[i for i in ids if i])]
        return "、".join(sorted(names)) or "—"
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and value is not None:
        target = field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target else value
    if value in (None, ""):
        return "—"
    return value


def _verbose(model, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except FieldDoesNotExist:
        return field_name


HIDDEN_FIELDS = {"path", "version"}


def history_entries(obj) -> list[HistoryEntry]:
    """Newest first: who changed what and when."""
    model = type(obj)
    records = list(obj.history.all().select_related("history_user"))
    entries = []
    for i, rec in enumerate(records):
        changes = []
        previous = records[i + 1] if i + 1 < len(records) else None
        if previous is not None and rec.history_type == "~":
            delta = rec.diff_against(previous)
            for c in delta.changes:
                if c.field in HIDDEN_FIELDS:
                    continue
                changes.append(
                    Change(
                        _verbose(model, c.field),
                        _display(model, c.field, c.old),
                        _display(model, c.field, c.new),
                    )
                )
        entries.append(
            HistoryEntry(
                at=rec.history_date,
                user=rec.history_user,
                kind=rec.history_type,
                label=str(CHANGE_LABELS[rec.history_type]),
                changes=changes,
                reason=rec.history_change_reason or "",
            )
        )
    return entries


def tenant_models_with_history() -> list[type[TenantModel]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) and hasattr(m, "history") and not m._meta.abstract
    ]


def deleted_records(municipality: Municipality, limit: int = 200) -> list:
    """Historical rows of deleted records of this municipality that have not been restored."""
    found = []
    for model in tenant_models_with_history():
        pk_name = model._meta.pk.attname
        deletions = (
            model.history.filter(history_type="-", municipality_id=municipality.pk)
            .exclude(history_change_reason=REPLACED)
            .exclude(history_change_reason__startswith=_PART_OF_DELETION)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        for rec in deletions:
            if not model._base_manager.filter(pk=getattr(rec, pk_name)).exists():
                rec.model_label = model._meta.label_lower
                rec.model_verbose = str(model._meta.verbose_name)
                found.append(rec)
    found.sort(key=lambda r: r.history_date, reverse=True)
    return found[:limit]


def restore(municipality: Municipality, model_label: str, history_id: int, *, actor):
    """Bring a deleted record back as it was just before deletion."""
    model = apps.get_model(model_label)
    if not issubclass(model, TenantModel):
        raise LookupError(model_label)
    rec = model.history.get(history_id=history_id, history_type="-", municipality_id=municipality.pk)
    with transaction.atomic():
        instance = rec.instance
        instance._history_user = actor
        instance._change_reason = "restored"
        links = _links_before(model, rec)
        if links:
            save_with_links(instance, links, created=True)
        else:
            instance.save(force_insert=True)
        record_restored.send(sender=model, instance=instance, deletion=rec, actor=actor)
    return instance


def _links_before(model, deletion) -> dict:
    """The many-to-many links a record had in its last row before `deletion`, to the records that
    still exist (for models whose history keeps links; the deletion row itself has none left):
    {field name: queryset of targets}."""
    fields = getattr(deletion, "_history_m2m_fields", [])
    if not fields:
        return {}
    pk_name = model._meta.pk.attname
    last = (
        model.history.filter(history_date__lte=deletion.history_date, **{pk_name: getattr(deletion, pk_name)})
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if last is None:
        return {}
    return {
        field.name: field.related_model._base_manager.filter(
            pk__in=getattr(last, field.name).values_list(field.m2m_reverse_field_name(), flat=True)
        )
        for field in fields
    }


def save_with_links(instance, links: dict, *, created: bool) -> None:
    """Save `instance` and set its many-to-many `links` ({field name: objects}) with one history row
    holding both. Left alone, django-simple-history writes one row at the save and one more for each
    link change, and the row of a creation would hold no links (they need the row's id first)."""
    instance.skip_history_when_saving = True
    try:
        if created:
            instance.save(force_insert=True)
        for name, objs in links.items():
            getattr(instance, name).set(objs)
    finally:
        del instance.skip_history_when_saving
    instance.save()  # the one history row, written last
    if created:  # …recorded as a change by simple-history, though it is the creation
        latest = instance.history.order_by("-history_date", "-history_id").values("history_id")[:1]
        instance.history.filter(history_id__in=latest).update(history_type="+")


def delete_with(record, children, *, actor) -> None:
    """Delete `children` (rows that belong to `record`) and then `record`, in one transaction. Their
    history rows carry one token in their change reasons, so that a restore of `record` brings back
    exactly these rows (`restore_deleted_with`), not rows an earlier edit had replaced; the trash
    lists the record alone."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        for row in children:
            row._history_user = actor
            row._change_reason = _PART_OF_DELETION + token
            row.delete()
        record._history_user = actor
        record._change_reason = _DELETION + token
        record.delete()


def delete_replaced(row, *, actor) -> None:
    """Delete a row that an edit of its record replaces or drops (a schedule, a link): its history
    keeps it, but the trash does not offer it on its own."""
    row._history_user = actor
    row._change_reason = REPLACED
    row.delete()


def restore_deleted_with(deletion, model, *, actor, prepare=None) -> list:
    """Bring back the rows of `model` deleted together with a record by `delete_with`: those whose
    deletion row carries the change reason of the record's own `deletion` row. `prepare(row)` may
    adjust a row before it is saved (e.g. drop a link to a record gone since). For
    `record_restored` receivers."""
    reason = deletion.history_change_reason or ""
    if not reason.startswith(_DELETION):
        return []
    restored = []
    children = model.history.filter(
        history_type="-", history_change_reason=_PART_OF_DELETION + reason[len(_DELETION) :]
    )
    for row in children:
        if model._base_manager.filter(pk=getattr(row, model._meta.pk.attname)).exists():
            continue
        child = row.instance
        if prepare is not None:
            prepare(child)
        child._history_user = actor
        child._change_reason = "restored"
        child.save(force_insert=True)
        restored.append(child)
    return restored
