import os
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from ...demo import load_demo, logins


class Command(BaseCommand):
    help = "Create the SQLite database, load the demo municipality and start the server (127.0.0.1)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Load the demo data and stop.")

    def handle(self, *args, port, no_serve, **options):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("デモデータを準備しています…")
        ctx = load_demo()
        url = f"http://127.0.0.1:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"sasaeai のデモ: {url}"))
        self.stdout.write(
            f"  自治体: {ctx.municipality.name}（{ctx.municipality.code}）, "
            f"{ctx.second_municipality.name}（{ctx.second_municipality.code}）"
        )
        self.stdout.write(f"  公開ページ（ログイン不要）: {url}p/{ctx.municipality.code}/")
        self.stdout.write("  職員ログイン（ユーザー名 / パスワード）:")
        for username, password, label in logins():
            self.stdout.write(f"    {username:<10} / {password}   {label}")
        self.stdout.write(f"  API: {url}api/v1/docs   データ: {settings.DATA_DIR}")
        self.stdout.write("")
        if no_serve:
            return
        os.environ.setdefault("SASAEAI_DEBUG", "1")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
