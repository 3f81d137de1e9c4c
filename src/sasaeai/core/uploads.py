"""Files uploaded for an import are kept between the preview and the commit, per session."""

import uuid
from pathlib import Path

from django.conf import settings


def _dir(request) -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports" / request.municipality.code
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(request, raw: bytes, filename: str) -> str:
    token = uuid.uuid4().hex
    suffix = Path(filename).suffix.lower()
    (_dir(request) / f"{token}{suffix}").write_bytes(raw)
    request.session.setdefault("imports", {})[token] = filename
    request.session.modified = True
    return token


def load_upload(request, token: str) -> tuple[bytes, str]:
    filename = request.session.get("imports", {})[token]  # KeyError: not this session's upload
    raw = (_dir(request) / f"{token}{Path(filename).suffix.lower()}").read_bytes()
    return raw, filename


def uploaded_table(request, form):
    """The table of an import step: a new upload in `form`, or the file kept under POST["token"].

    Returns `(table, token, filename)`, or None when the upload form is invalid (show it again).
    Raises TableError with a message for the user when the file cannot be read or has expired.
    """
    from django.utils.translation import gettext as _

    from .tabular import TableError, read_table

    if "token" in request.POST:
        token = request.POST["token"]
        try:
            raw, filename = load_upload(request, token)
        except (KeyError, FileNotFoundError):
            raise TableError(_("The upload has expired; upload the file again.")) from None
    else:
        if not form.is_valid():
            return None
        upload = form.cleaned_data["file"]
        raw, filename = upload.read(), upload.name
        token = store_upload(request, raw, filename)
    return read_table(raw, filename), token, filename
