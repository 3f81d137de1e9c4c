from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .api import api
from .core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", core_views.token_list, name="token_list"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("m/<str:code>/", include("sasaeai.core.urls")),
    path("m/<str:code>/directory/", include("sasaeai.directory.urls")),
    path("m/<str:code>/activities/", include("sasaeai.activities.urls")),
    path("m/<str:code>/councils/", include("sasaeai.councils.urls")),
    path("p/<str:code>/", include("sasaeai.directory.public_urls")),
]
