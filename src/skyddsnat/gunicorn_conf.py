"""gunicorn's settings for Skyddsnät in production (docs/deploy.md):

    gunicorn -c python:skyddsnat.gunicorn_conf skyddsnat.wsgi

It listens on ``SKYDDSNAT_BIND`` (default ``127.0.0.1:8000``: only the reverse proxy on the
same machine reaches it) with ``SKYDDSNAT_WORKERS`` processes, and logs through Python's logging
with the same configuration as the application (``skyddsnat/logconfig.py``): one handler, the
personal-data filter, text or JSON by ``SKYDDSNAT_LOG_FORMAT``. Its access log line leaves out
the query string (``%(U)s`` is the path alone): an address may carry personal data, and the
filter only knows what an identity number looks like. Anything else can be given on the command
line or in ``GUNICORN_CMD_ARGS``.
"""

from __future__ import annotations

import os

from skyddsnat.logconfig import logging_config

bind = os.environ.get("SKYDDSNAT_BIND", "127.0.0.1:8000")
# gunicorn's rule of thumb, two per core and one, at most 9: each worker keeps up to one
# database connection, well within PostgreSQL's default of 100.
workers = int(os.environ.get("SKYDDSNAT_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 9)))
# The investigation's PDF is the slowest answer (WeasyPrint): a few seconds, never a minute.
timeout = 60
proc_name = "skyddsnat"
# No control socket (gunicorn 25.1+ opens one in the home directory by default): systemd
# reloads and stops it by signals.
control_socket_disable = True

loglevel = os.environ.get("SKYDDSNAT_LOG_LEVEL", "INFO").lower()
logconfig_dict = logging_config(
    os.environ.get("SKYDDSNAT_LOG_FORMAT", "text"), os.environ.get("SKYDDSNAT_LOG_LEVEL", "INFO")
)
# Client (the proxy), method, path without the query string, protocol, status, bytes, time.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
