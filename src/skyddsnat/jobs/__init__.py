"""Scheduled work and notifications (*schemalagda jobb*): django-q2 on the ORM (decision 0017).

``queue.enqueue`` runs a job in the worker (``manage.py qcluster``); ``schedules.SCHEDULES``
lists the jobs that run on their own, installed by ``migrate``; ``digest`` is the daily
summary of time limits to caseworkers and managers; ``SentNotice`` makes a notice go once.
"""
