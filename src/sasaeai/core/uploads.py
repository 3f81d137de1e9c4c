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
