from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from ...models import ApiToken


class Command(BaseCommand):
    help = "API tokens: `sasaeai token create USERNAME` prints a new bearer token for that staff user."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, action, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"ユーザー「{username}」は存在しないか無効です。")
        _token, raw = ApiToken.issue(user, name=name)
        self.stdout.write(raw)
