"""Playwright on Debian's chromium (never a downloaded browser), against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SASAEAI_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("SASAEAI_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        # Never skipped: a missing browser is a missing install step (scripts/setup.sh --test installs it).
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; install Debian's chromium (scripts/setup.sh --test does)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, settings):
    # Closed municipal networks have no tiles: the pages must work without them, and tests never go out.
    settings.SASAEAI_TILE_URL = ""
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def phone(browser, live_server, settings):
    settings.SASAEAI_TILE_URL = ""
    context = browser.new_context(
        locale="ja-JP",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
    )
    pg = context.new_page()
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ so a person can look at it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def login(pg, username: str, password: str = "correct-horse-battery") -> None:
    pg.goto("/accounts/login/")
    pg.fill("#id_username", username)
    pg.fill("#id_password", password)
    pg.click("button[type=submit]")
    pg.wait_for_load_state("networkidle")
