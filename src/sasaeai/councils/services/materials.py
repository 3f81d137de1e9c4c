"""Meeting materials: uploaded files (checked by content, kept private) and frozen snapshots."""

import uuid
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sasaeai.core import audit

from ..models import AgendaItem, Material, Meeting
from ..snapshots import get_snapshot_kind
from ._common import delete, save

# extension → MIME type detected from the content. Office files are detected as their own type.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
TEXT_EXTENSIONS = {".txt", ".csv"}


def max_material_bytes() -> int:
    return getattr(settings, "SASAEAI_COUNCIL_MATERIAL_MAX_BYTES", 10 * 1024 * 1024)


def _is_text(raw: bytes) -> bool:
    if b"\x00" in raw[:8192]:
        return False
    for encoding in ("utf-8-sig", "cp932"):
        try:
            raw.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _check_size(size: int) -> None:
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    limit = max_material_bytes()
    if size > limit:
        raise ValidationError(
            {"file": _("The file is too large (at most %(mb)s MB).") % {"mb": round(limit / 1024 / 1024, 1)}}
        )


def check_upload(raw: bytes, filename: str) -> str:
    """The content type of an acceptable file; ValidationError for a too large or unexpected one."""
    _check_size(len(raw))
    suffix = Path(filename).suffix.lower()
    expected = ALLOWED_TYPES.get(suffix)
    if expected is None:
        raise ValidationError(
            {
                "file": _(
                    "This kind of file cannot be attached. Use PDF, images, Word, Excel, PowerPoint, text or CSV."
                )
            }
        )
    if suffix in TEXT_EXTENSIONS:
        if filetype.guess(raw) is not None or not _is_text(raw):
            raise ValidationError({"file": _("The content of the file does not match its name.")})
        return expected + "; charset=utf-8" if _is_utf8(raw) else expected
    guessed = filetype.guess(raw)
    if guessed is None or guessed.mime != expected:
        raise ValidationError({"file": _("The content of the file does not match its name.")})
    return expected


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
        return True
    except UnicodeDecodeError:
        return False


def _check_agenda_item(meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})


def upload_material(
    meeting: Meeting,
    raw: bytes,
    filename: str,
    *,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    actor,
) -> Material:
    content_type = check_upload(raw, filename)
    _check_agenda_item(meeting, agenda_item)
    suffix = Path(filename).suffix.lower()
    material = Material(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        agenda_item=agenda_item,
        kind=Material.Kind.FILE,
        title=(title or Path(filename).stem)[:200],
        original_name=Path(filename).name[:200],
        content_type=content_type,
        size=len(raw),
    )
    with transaction.atomic():
        # A random stored name: the original name is only shown, never used as a path.
        material.file.save(
            f"{meeting.municipality.code}/{uuid.uuid4().hex}{suffix}", ContentFile(raw), save=False
        )
        save(material, actor)
    return material


def attach_upload(
    meeting: Meeting,
    upload: UploadedFile,
    *,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    actor,
) -> Material:
    """Store an uploaded file (page or API) as a material; its size is checked before it is read."""
    _check_size(upload.size or 0)
    return upload_material(
        meeting, upload.read(), upload.name or "", title=title, agenda_item=agenda_item, actor=actor
    )


def serve_material(material: Material, *, actor, request=None) -> FileResponse:
    """Stream a file material (the caller has checked access) and audit the download.

    Never cached by a browser or a proxy, never sniffed into another type.
    """
    if material.kind != Material.Kind.FILE:
        raise Http404
    try:
        handle = material.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    audit.record(
        "councils.material.downloaded", actor=actor, municipality=material.municipality, obj=material,
        request=request, data={"meeting": material.meeting_id, "file": material.original_name},
    )  # fmt: skip
    response = FileResponse(
        handle, as_attachment=True, filename=material.original_name, content_type=material.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def take_snapshot(
    meeting: Meeting, kind_code: str, *, title: str = "", agenda_item: AgendaItem | None = None, actor
) -> Material:
    kind = get_snapshot_kind(kind_code)
    if kind is None:
        raise ValidationError({"snapshot_kind": _("This kind of snapshot is not available.")})
    _check_agenda_item(meeting, agenda_item)
    data = kind.build(meeting)
    material = Material(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        agenda_item=agenda_item,
        kind=Material.Kind.SNAPSHOT,
        title=(title or str(kind.label))[:200],
        snapshot_kind=kind.code,
        snapshot_data=data,
        taken_at=timezone.now(),
    )
    with transaction.atomic():
        save(material, actor)
    return material


def delete_material(material: Material, *, actor) -> None:
    # The stored file stays, so that an administrator can restore the row from the trash.
    with transaction.atomic():
        delete(material, actor)
