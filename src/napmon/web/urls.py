from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from napmon.core import accounts
from napmon.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/<str:label>/", views.version_page, name="version"),
    path("plan/<str:label>/points/<int:number>/", views.point_page, name="point"),
    path("crosswalk/<str:from_label>/<str:to_label>/", views.crosswalk_page, name="crosswalk"),
    path("gaps/<str:label>/", views.gaps_page, name="gaps"),
    path("sources/", views.sources_page, name="sources"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("login/code/", accounts.login_verify, name="login-verify"),
    path("account/two-factor/", login_required(accounts.two_factor_setup), name="two-factor"),
    path(
        "account/two-factor/recovery-codes/",
        login_required(accounts.two_factor_renew),
        name="two-factor-renew",
    ),
    path("account/two-factor/off/", login_required(accounts.two_factor_off), name="two-factor-off"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", login_required(accounts.password_change), name="password_change"),
    path("password/change/done/", accounts.password_change_done, name="password_change_done"),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("language/", views.switch_language, name="switch-language"),
    path("i18n/", include("django.conf.urls.i18n")),
]
