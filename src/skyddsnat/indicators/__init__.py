"""Indicators (*indikatorer*): every figure of docs/spec/indicators.md, computed from registered
data.

Pure Python, without Django:
    ``definitions`` the registry: id, Swedish name, definition, unit, direction, counting date,
                    breakdowns, ``help_text()``
    ``periods``     years, half-years, quarters, months, rolling 12 months
    ``masking``     small numbers (1–4) and the secondary suppression that keeps them hidden

The database side: each indicator as SQL aggregates, in a number of queries that does not grow
with the number of cases (decision 0005):
    ``expressions`` portable date arithmetic (days between, clamped months, age groups)
    ``sources``     the rows an indicator counts and its counting date
    ``dimensions``  the breakdowns: categories, and each row's category
    ``measures``    counts, shares, distinct counts, medians, grouped into tables
    ``rates``, ``staff``  per 1 000 children; caseload, caseworkers per child, turnover
    ``catalogue``   each indicator's computation, by id
    ``service``     ``compute_indicators`` for one caller: municipality, rights, masking
"""
