"""Settings shared by every profile; each value comes from the environment with a default.

Profiles: `dev` (make run), `test` (make test), `prod` (gunicorn on PostgreSQL).
"""

from pathlib import Path

import dj_database_url

from motcua.settings.environment import env, env_bool, env_int, env_list

SOURCE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = SOURCE_DIR.parent.parent
VAR_DIR = Path(
    env(
        "MOTCUA_VAR_DIR",
        str(PROJECT_DIR / "var"),
        "Folder for the SQLite database, uploads and keys.",
    )
)

SECRET_KEY = env(
    "SECRET_KEY",
    "dev-only-insecure-key-change-me-in-production-0123456789abcdef",
    "Django's signing key. Must be set (long and random) in production.",
)
DEBUG = env_bool("DEBUG", False, "Show tracebacks in the browser. Never in production.")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names served."
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins trusted for CSRF."
)
PUBLIC_BASE_URL = env(
    "PUBLIC_BASE_URL", "http://127.0.0.1:8000", "Address printed in QR codes and e-mails."
)
PROVINCE_CODE = env("PROVINCE_CODE", "56", "Official code of the province this deployment serves.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    # django-otp and django-axes under translated names (accounts.third_party_apps)
    "motcua.accounts.third_party_apps.AuthenticatorAppsConfig",
    "motcua.accounts.third_party_apps.BackupCodesConfig",
    "motcua.accounts.third_party_apps.SignInAttemptsConfig",
    "django_htmx",
    # motcua, from the bottom layer up
    "motcua.core",
    "motcua.accounts",
    "motcua.audit",
    "motcua.organizations",
    "motcua.deadlines",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.payments",
    "motcua.integrations.identity",
    "motcua.integrations.payments",
    "motcua.integrations.payments.sandbox",
    "motcua.results",
    "motcua.integrations.signing",
    "motcua.surveys",
    "motcua.applications",
    "motcua.reports",
    "motcua.api",
    "motcua.portal",
    "motcua.backoffice",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SOURCE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.context_processors.deployment",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
    "Database address: sqlite:///PATH (embedded default) or postgres://USER@HOST:PORT/NAME.",
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 60, "Seconds a database connection is kept open."
        ),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite creates the file but not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions take the write lock up front: concurrent writers queue instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
STAFF_TWO_FACTOR_REQUIRED = env_bool(
    "STAFF_TWO_FACTOR_REQUIRED",
    False,
    "Require a TOTP second factor of every staff member (administrators always need one).",
)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, "Failed logins before an account is locked.")
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, "Minutes a locked account waits.") / 60
# Officers at one service centre share an address: lock the account, not the whole centre.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A locked-out sign-in gets the sign-in page again, saying until when (status 429).
AXES_LOCKOUT_CALLABLE = "motcua.accounts.lockout.lockout_response"
OTP_TOTP_ISSUER = "motcua"
# The admin site never shows anyone's TOTP secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
API_TOKEN_LIFETIME_DAYS = env_int(
    "API_TOKEN_LIFETIME_DAYS", 90, "Days an API token lives unless `--expires-days` says otherwise."
)
# Citizens and businesses: verification codes sent by e-mail or SMS at registration.
VERIFICATION_CODE_MINUTES = env_int(
    "VERIFICATION_CODE_MINUTES", 10, "Minutes a verification code sent by e-mail or SMS is valid."
)
VERIFICATION_CODES_PER_HOUR = env_int(
    "VERIFICATION_CODES_PER_HOUR", 5, "Codes sent at most per account or address in an hour."
)
VERIFICATION_RESEND_SECONDS = env_int(
    "VERIFICATION_RESEND_SECONDS", 60, "Seconds to wait before another code may be sent."
)
SMS_BACKEND = env(
    "SMS_BACKEND",
    "motcua.core.sms.ConsoleSmsBackend",
    "Class that sends text messages; the console one logs them with the phone masked.",
)

# --- E-identity (OpenID Connect) ------------------------------------------------------------
VNEID_ENABLED = env_bool("VNEID_ENABLED", False, "Offer sign-in with the national e-identity.")
VNEID_DISCOVERY_URL = env(
    "VNEID_DISCOVERY_URL", "", "OpenID Connect discovery document of VNeID (…/.well-known/…)."
)
VNEID_ISSUER = env("VNEID_ISSUER", "", "Issuer (iss) of VNeID's ID tokens.")
VNEID_AUTHORIZATION_ENDPOINT = env("VNEID_AUTHORIZATION_ENDPOINT", "", "Without discovery.")
VNEID_TOKEN_ENDPOINT = env("VNEID_TOKEN_ENDPOINT", "", "Without discovery.")
VNEID_JWKS_URI = env("VNEID_JWKS_URI", "", "Without discovery.")
VNEID_CLIENT_ID = env("VNEID_CLIENT_ID", "", "Client id registered with VNeID.")
VNEID_CLIENT_SECRET = env("VNEID_CLIENT_SECRET", "", "Client secret registered with VNeID.")
VNEID_SCOPES = env("VNEID_SCOPES", "openid profile", "Scopes asked of VNeID.")
VNEID_NATIONAL_ID_CLAIM = env(
    "VNEID_NATIONAL_ID_CLAIM", "national_id", "Claim holding the 12-digit ID number."
)
DEV_OIDC_ENABLED = env_bool(
    "DEV_OIDC_ENABLED",
    False,
    "Serve the local test e-identity provider at /dev-oidc/ (also DEBUG).",
)
DEV_OIDC_KEY_FILE = env(
    "DEV_OIDC_KEY_FILE",
    str(VAR_DIR / "dev-oidc-signing-key.pem"),
    "RSA key of the local test provider (made on first use); empty: a key per process.",
)

# --- Payments -------------------------------------------------------------------------------
PAYMENT_GATEWAY = env("PAYMENT_GATEWAY", "sandbox", "Gateway used for online payments.")
PAYMENT_RECONCILE_AFTER_MINUTES = env_int(
    "PAYMENT_RECONCILE_AFTER_MINUTES", 15, "Pending payments older than this are queried."
)
PAYMENT_EXPIRE_AFTER_MINUTES = env_int(
    "PAYMENT_EXPIRE_AFTER_MINUTES", 24 * 60, "Payments the gateway never saw expire after this."
)
SANDBOX_PAY_ENABLED = env_bool(
    "SANDBOX_PAY_ENABLED", False, "Serve the sandbox payment gateway at /sandbox-pay/ (also DEBUG)."
)
SANDBOX_PAY_BASE_URL = env(
    "SANDBOX_PAY_BASE_URL",
    "",
    "Address of the sandbox gateway; empty: PUBLIC_BASE_URL/sandbox-pay/.",
)
SANDBOX_PAY_MERCHANT_ID = env("SANDBOX_PAY_MERCHANT_ID", "MOTCUA", "Merchant id at the sandbox.")
SANDBOX_PAY_SECRET = env(
    "SANDBOX_PAY_SECRET", "sandbox-secret-change-me", "HMAC-SHA256 key shared with the sandbox."
)
PAYMENT_GATEWAYS = {
    "sandbox": {
        "CLASS": "motcua.integrations.payments.sandbox.gateway.SandboxGateway",
        "MERCHANT_ID": SANDBOX_PAY_MERCHANT_ID,
        "SECRET": SANDBOX_PAY_SECRET,
        "BASE_URL": SANDBOX_PAY_BASE_URL or f"{PUBLIC_BASE_URL.rstrip('/')}/sandbox-pay/",
    },
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [SOURCE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(
    env("STATIC_ROOT", str(PROJECT_DIR / "staticfiles"), "Where collectstatic writes.")
)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media"), "Where uploaded files are stored."))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "UPLOAD_MAX_BYTES", 50 * 1024 * 1024, "Largest request body accepted, in bytes."
)

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "", "redis://HOST:PORT/DB for the shared cache; empty: in-process.")
CACHES = {
    "default": (
        {"BACKEND": "motcua.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Template fragments that are the same for everyone (the anonymous visitor's header), kept
    # in each process's memory: no round trip to Redis for them.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# --- E-mail ---------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": env(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend",
            "Django e-mail backend; django.core.mail.backends.smtp.EmailBackend in production.",
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "motcua@localhost", "Sender of notifications.")

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Dossiers -------------------------------------------------------------------------------
# Decree 118/2025 Art. 19.6 refuses an extension asked less than 1 working day before due;
# a province that prefers to record it and let it through sets "flag".
DOSSIERS_LATE_EXTENSION = env(
    "DOSSIERS_LATE_EXTENSION",
    "refuse",
    "An extension asked less than 1 working day before due: refuse (409) or flag.",
)
# Decree 118/2025 Art. 19.5: a dossier waiting for its supplement is stopped after 15 days.
DOSSIERS_SUPPLEMENT_WAIT = (
    env_int("DOSSIERS_SUPPLEMENT_WAIT_DAYS", 15, "Days a dossier waits for its supplement."),
    env(
        "DOSSIERS_SUPPLEMENT_WAIT_UNIT",
        "calendar_days",
        "How those days count: calendar_days or working_days.",
    ),
)
DOSSIERS_CATALOG_CACHE = env_bool(
    "DOSSIERS_CATALOG_CACHE", True, "Keep procedure versions read at intake in memory."
)
DOSSIERS_UPLOAD_MAX_BYTES = env_int(
    "DOSSIERS_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, "Largest dossier document, in bytes."
)

# --- Reports --------------------------------------------------------------------------------
# How the roll-up facts follow dossier events: `after-commit` refreshes them right after each
# act commits (one process, development and tests); `queued` only queues the dossier and
# `motcua reports follow` refreshes queued dossiers in batches (production).
REPORTS_REFRESH = env(
    "REPORTS_REFRESH",
    "after-commit",
    "after-commit (facts refreshed on the request) or queued (by `motcua reports follow`).",
)

# --- Signed results --------------------------------------------------------------------------
SIGNING_TSA_URL = env(
    "SIGNING_TSA_URL",
    "",
    "RFC 3161 time-stamping authority (http(s)://...); empty: the local one in the key store.",
)
SIGNING_KEY_ENCRYPTION_KEY = env(
    "SIGNING_KEY_ENCRYPTION_KEY",
    "",
    "Fernet key (44 url-safe base64 characters) that encrypts signing keys at rest; "
    "empty: derived from SECRET_KEY.",
)
SIGNING_TRUST_ROOTS = env_list(
    "SIGNING_TRUST_ROOTS",
    "",
    "Comma-separated PEM files of trusted root CAs (national root CA, government CA), "
    "besides those added in the administration pages.",
)
VERIFICATION_UPLOADS_PER_HOUR = env_int(
    "VERIFICATION_UPLOADS_PER_HOUR", 30, "Signed PDFs one address may have checked per hour."
)
PUBLIC_LOOKUPS_PER_WINDOW = env_int(
    "PUBLIC_LOOKUPS_PER_WINDOW", 30, "Dossier lookups one address may make per window."
)
PUBLIC_LOOKUP_WINDOW_SECONDS = env_int(
    "PUBLIC_LOOKUP_WINDOW_SECONDS", 600, "Length of the public lookup's counting window."
)
PUBLIC_LOOKUP_FAILURES_PER_CODE = env_int(
    "PUBLIC_LOOKUP_FAILURES_PER_CODE",
    10,
    "Wrong secrets tried on one code before it rests an hour.",
)
KIOSK_IDLE_SECONDS = env_int(
    "KIOSK_IDLE_SECONDS", 90, "Seconds without a touch before a kiosk page returns to its start."
)

# --- Logging --------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO", "Level of the structured log.")
LOG_FORMAT = env("LOG_FORMAT", "console", "console (readable) or json (one object a line).")
LOGGING_CONFIG = None
from motcua.core.logging import configure_logging  # noqa: E402

configure_logging(level=LOG_LEVEL, json_format=LOG_FORMAT == "json")
