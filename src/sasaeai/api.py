"""The JSON API under /api/v1/: one NinjaAPI, one router per app (each app's `api.py`)."""

from ninja import NinjaAPI

from .activities.api import router as activities_router
from .core.api import public_router as core_public_router
from .core.api import router as core_router
from .core.api_support import StaffAuth, install_error_handlers
from .councils.api import router as councils_router
from .directory.api import public_router as directory_public_router
from .directory.api import router as directory_router

api = NinjaAPI(
    title="sasaeai API",
    version="1",
    description=(
        "生活支援体制整備事業の業務 API。職員は `Authorization: Bearer <token>`（`sasaeai token create`）"
        "またはログイン中のセッションで認証します。職員用は `/m/{code}/…`、公開用は `/public/…`。"
    ),
    urls_namespace="api",
    auth=StaffAuth(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

api.add_router("/", core_router)
api.add_router("/public/", core_public_router)
api.add_router("/m/{code}/", directory_router)
api.add_router("/public/m/{code}/", directory_public_router)
api.add_router("/m/{code}/", activities_router)
api.add_router("/m/{code}/", councils_router)
