import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sasaeai.settings")
application = get_wsgi_application()

# Import the URLconf (pages and API) now, then move every object loaded so far out of the garbage
# collector's way. Those ~140,000 objects live as long as the worker; without this, each full
# collection walks them all in the middle of some request (p95 of the staff search API at 100,000
# resources: 159 → 103 ms, bench/README.md).
get_resolver().url_patterns  # noqa: B018
gc.freeze()
