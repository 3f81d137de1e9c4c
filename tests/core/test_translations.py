"""Every app's Japanese catalogue is complete: no empty and no fuzzy entries."""

from pathlib import Path

import polib
import pytest

import sasaeai

CATALOGUES = sorted(Path(sasaeai.__file__).parent.glob("*/locale/ja/LC_MESSAGES/django.po"))


def test_every_app_with_templates_has_a_catalogue():
    assert any(p.parts[-5] == "core" for p in CATALOGUES)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_the_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_ui_speaks_japanese_even_to_an_english_browser(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "ログイン" in page
