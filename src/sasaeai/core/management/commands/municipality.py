from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from ...models import Municipality
from ...services.municipalities import create_municipality


class Command(BaseCommand):
    help = "Municipalities: `add CODE NAME PREFECTURE [--lat --lon --reading]` or `list`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add")
        add.add_argument("code", help="6-digit 全国地方公共団体コード, e.g. 092088")
        add.add_argument("name")
        add.add_argument("prefecture")
        add.add_argument("--reading", default="")
        add.add_argument("--lat", type=float)
        add.add_argument("--lon", type=float)
        sub.add_parser("list")

    def handle(self, *args, action, **options):
        if action == "list":
            for m in Municipality.objects.all():
                self.stdout.write(f"{m.code}  {m.prefecture} {m.name}")
            return
        try:
            m = create_municipality(
                code=options["code"], name=options["name"], prefecture=options["prefecture"],
                reading=options["reading"], latitude=options["lat"], longitude=options["lon"], actor=None,
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        self.stdout.write(f"{m.code} {m.name} を登録しました。/m/{m.code}/ で圏域と職員を設定してください。")
