import os
import sys

from django.core.management import BaseCommand


class Command(BaseCommand):
    help = "Run the production WSGI server (gunicorn) on the given address; static files via WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("SASAEAI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("SASAEAI_WORKERS", "3")))
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, *args, bind, workers, timeout, **options):
        argv = [
            "gunicorn", "sasaeai.wsgi:application", "--bind", bind, "--workers", str(workers),
            "--timeout", str(timeout), "--access-logfile", "-",
        ]  # fmt: skip
        # Replace this process with gunicorn so that signals from systemd reach it directly.
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
