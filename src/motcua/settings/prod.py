"""Production profile: gunicorn on PostgreSQL, Redis cache, compressed static files."""

from django.core.exceptions import ImproperlyConfigured

from motcua.settings.base import *  # noqa: F403
from motcua.settings.base import DATABASES, DEV_OIDC_ENABLED, SANDBOX_PAY_ENABLED, SECRET_KEY
from motcua.settings.environment import env, env_bool

DEBUG = False
if SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")
# Both let anyone in: test identities without a password, payments nobody made.
if DEV_OIDC_ENABLED or SANDBOX_PAY_ENABLED:
    raise ImproperlyConfigured("DEV_OIDC_ENABLED and SANDBOX_PAY_ENABLED are for development.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True, "Send cookies over HTTPS only.")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
STAFF_TWO_FACTOR_REQUIRED = env_bool(
    "STAFF_TWO_FACTOR_REQUIRED", True, "Require a TOTP second factor of every staff member."
)

# Dossier acts only queue the facts' refresh; `motcua reports follow` runs beside gunicorn.
REPORTS_REFRESH = env(
    "REPORTS_REFRESH",
    "queued",
    "after-commit (facts refreshed on the request) or queued (by `motcua reports follow`).",
)
