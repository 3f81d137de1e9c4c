"""Production settings pass Django's deploy checks, and `sasaeai serve` runs gunicorn with WhiteNoise.

Each test runs the real `sasaeai` command in a subprocess with the environment an operator sets
(docs/deploy.md), against a throw-away SQLite database, and the server listens on 127.0.0.1 only.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

SASAEAI = [sys.executable, "-m", "sasaeai.cli"]


# Every variable settings.py reads: the test decides them all, whatever the outer shell has set.
SETTINGS_VARIABLES = (
    "SASAEAI_", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "CONN_MAX_AGE",
    "SESSION_COOKIE_AGE", "AXES_", "STATIC_ROOT", "MEDIA_ROOT", "SECURE_", "LOG_LEVEL",
)  # fmt: skip


def production_env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS_VARIABLES)}
    # The browser tests of the same worker allow async-unsafe ORM calls; an operator never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="sasaeai.settings",
        SASAEAI_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sasaeai.example.jp,127.0.0.1",
        CSRF_TRUSTED_ORIGINS="https://sasaeai.example.jp",
        SASAEAI_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'sasaeai.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        **extra,
    )
    if "SASAEAI_NODE_MODULES" in os.environ:  # where the front-end packages are, not a setting to test
        env["SASAEAI_NODE_MODULES"] = os.environ["SASAEAI_NODE_MODULES"]
    (tmp_path / "data").mkdir(exist_ok=True)
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*SASAEAI, *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_check_deploy_reports_no_issues_under_production_settings(tmp_path):
    result = run(["check", "--deploy"], production_env(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output
    assert "WARNINGS" not in output and "ERRORS" not in output


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = run(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def python_in_production(tmp_path, script: str) -> subprocess.CompletedProcess:
    """Run a Python snippet in a fresh interpreter with the production environment; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_production_settings_are_secure_and_debug_is_off(tmp_path):
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'cookie': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE, 'hosts': s.ALLOWED_HOSTS, "
        "'origins': s.CSRF_TRUSTED_ORIGINS, 'static': s.STORAGES['staticfiles']['BACKEND']}))"
    )
    result = python_in_production(tmp_path, script)
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["ssl"] is True and values["hsts"] >= 31536000
    assert values["cookie"] is True and values["csrf"] is True
    assert values["hosts"] == ["sasaeai.example.jp", "127.0.0.1"]
    assert values["origins"] == ["https://sasaeai.example.jp"]
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_a_worker_loads_its_urls_at_start_and_keeps_them_out_of_the_garbage_collectors_way(tmp_path):
    script = (
        "import gc, sys; import sasaeai.wsgi; "
        "print(gc.get_freeze_count(), 'sasaeai.api' in sys.modules, 'sasaeai.directory.views.public' in sys.modules)"
    )
    result = python_in_production(tmp_path, script)
    frozen, api_loaded, pages_loaded = result.stdout.split()
    assert int(frozen) > 50_000 and api_loaded == pages_loaded == "True"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects; returns status, headers and body."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# The reverse proxy terminates TLS and says so; without this header production redirects to https.
BEHIND_PROXY = {"X-Forwarded-Proto": "https"}


@pytest.fixture
def served(tmp_path):
    """`sasaeai serve` on a free 127.0.0.1 port after migrate and collectstatic.

    collectstatic compresses every vendor file (about a minute on two cores), so one test uses the
    server for all its checks rather than one server per check.
    """
    env = production_env(tmp_path)
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        result = run(args, env)
        assert result.returncode == 0, result.stdout + result.stderr
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*SASAEAI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"serve exited with {server.returncode}:\n{log_path.read_text()}"
            try:
                fetch(base + "/", BEHIND_PROXY)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, f"serve did not answer in 60 s:\n{log_path.read_text()}"
                time.sleep(0.2)
        yield base, tmp_path, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_sasaeai_serve_runs_gunicorn_behind_a_proxy_with_whitenoise_and_no_media(served):
    base, tmp_path, log_path = served
    it_answers_the_home_page(base, log_path)
    it_redirects_plain_http_to_https(base)
    whitenoise_serves_collected_static_files_with_hashed_names(base, tmp_path)
    uploaded_media_are_never_served_directly(base, tmp_path)


def it_answers_the_home_page(base, log_path):
    status, headers, body = fetch(base + "/", BEHIND_PROXY)
    assert status == 200, body[:500]
    assert 'id="public-municipalities"' in body.decode()
    assert headers.get("Server", "").startswith("gunicorn")
    assert headers.get("X-Frame-Options") == "DENY"
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", "")
    assert '"GET / HTTP/1.1" 200' in log_path.read_text()  # gunicorn's access log


def it_redirects_plain_http_to_https(base):
    status, headers, _body = fetch(base + "/")
    assert status == 301
    assert headers["Location"].startswith("https://")


def whitenoise_serves_collected_static_files_with_hashed_names(base, tmp_path):
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["vendor/htmx/htmx.min.js"]
    assert hashed != "vendor/htmx/htmx.min.js"
    _status, _headers, page = fetch(base + "/", BEHIND_PROXY)
    assert f'src="/static/{hashed}"' in page.decode()  # pages link the hashed, cacheable name
    status, headers, body = fetch(f"{base}/static/{hashed}", BEHIND_PROXY)
    assert status == 200
    # WhiteNoise marks hashed files as cacheable forever.
    assert "immutable" in headers.get("Cache-Control", "")
    assert body == (tmp_path / "static" / "vendor" / "htmx" / "htmx.min.js").read_bytes()
    status, _headers, _body = fetch(f"{base}/static/vendor/htmx/htmx.min.js", BEHIND_PROXY)
    assert status == 200
    status, headers, _body = fetch(f"{base}/static/{hashed}", {**BEHIND_PROXY, "Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"


def uploaded_media_are_never_served_directly(base, tmp_path):
    media = tmp_path / "data" / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / "secret.txt").write_text("personal data")
    for path in ("/media/secret.txt", "/media-not-served/secret.txt", "/static/../data/media/secret.txt"):
        status, _headers, body = fetch(base + path, BEHIND_PROXY)
        assert status == 404, path
        assert b"personal data" not in body
