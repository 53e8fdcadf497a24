"""The comparison for ``bench/intake.py``: a bare Django project whose one view inserts one row.

Same database and options as Skyddsnät's (``settings.py`` takes its ``DATABASES``), no
middleware, no authentication: what one row written through Django costs on that server.
Never part of the test run.
"""
