from django.contrib.auth import views as auth_views
from django.urls import path

from motcua.accounts import registration_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("login/verify/", views.verify, name="verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/enrol/", views.enrol, name="enrol"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup-codes"),
]

# Citizens' and businesses' pages, under /tai-khoan/ in the "applicant" namespace.
applicant_urlpatterns = [
    path("dang-ky/", registration_views.register, name="register"),
    path("xac-minh/", registration_views.verify, name="verify"),
    path("ho-so/", registration_views.profile, name="profile"),
    path("ho-so/xac-minh/", registration_views.profile_verify, name="profile-verify"),
    path("uy-quyen/", registration_views.representations, name="representations"),
    path(
        "uy-quyen/<int:pk>/ket-thuc/",
        registration_views.representation_end,
        name="representation-end",
    ),
]
