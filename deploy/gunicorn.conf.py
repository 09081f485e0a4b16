"""gunicorn settings for the production profile: `gunicorn -c deploy/gunicorn.conf.py motcua.wsgi`.

Each value can be overridden with the environment variable named beside it.
"""

import multiprocessing
import os

bind = os.environ.get("MOTCUA_BIND", "127.0.0.1:8000")
# The default suits an application server with the database elsewhere. On a host that also
# runs PostgreSQL, cores + 1 sync workers (MOTCUA_WORKERS, MOTCUA_THREADS=1) served the public
# lookup best on two cores (docs/performance.md, public lookup).
workers = int(os.environ.get("MOTCUA_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("MOTCUA_THREADS", "2"))
timeout = int(os.environ.get("MOTCUA_TIMEOUT_SECONDS", "60"))
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
# The access log carries paths and status codes only: query strings may hold personal data.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
raw_env = ["DJANGO_SETTINGS_MODULE=motcua.settings.prod"]
