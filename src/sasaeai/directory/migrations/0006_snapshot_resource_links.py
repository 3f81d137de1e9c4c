"""History rows written before 0005 hold no links. Give each of them the resource's links as they are
now: older changes of links are unknown either way, and without this the first edit after the
upgrade would show every link as added, and a restore would bring a resource back without any."""

from collections import defaultdict

from django.db import migrations

LINKS = [("categories", "category"), ("places", "place"), ("service_areas", "area")]
BATCH = 5000


def snapshot(apps, schema_editor):
    Resource = apps.get_model("directory", "Resource")
    HistoricalResource = apps.get_model("directory", "HistoricalResource")
    snapshots = {field: apps.get_model("directory", f"HistoricalResource_{field}") for field, _target in LINKS}
    done = set()
    for model in snapshots.values():
        done.update(model.objects.values_list("history_id", flat=True).distinct())
    for field, target in LINKS:
        through = Resource._meta.get_field(field).remote_field.through
        current = defaultdict(list)
        for link_id, resource_id, target_id in through.objects.values_list("id", "resource_id", f"{target}_id"):
            current[resource_id].append((link_id, target_id))
        model = snapshots[field]
        rows = []
        history = HistoricalResource.objects.exclude(history_type="-").values_list("history_id", "id")
        for history_id, resource_id in history.iterator():
            if history_id in done:
                continue
            for link_id, target_id in current.get(resource_id, ()):
                rows.append(
                    model(id=link_id, history_id=history_id, resource_id=resource_id, **{f"{target}_id": target_id})
                )
            if len(rows) >= BATCH:
                model.objects.bulk_create(rows)
                rows = []
        model.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_resource_link_history")]

    operations = [migrations.RunPython(snapshot, migrations.RunPython.noop)]
