"""Indicators (*indikatorer*): every figure of spec/indicators.md, computed from registered data.

``definitions`` (the registry: id, Swedish name, definition, unit, direction, counting date,
breakdowns), ``periods`` (years, half-years, quarters, months, rolling 12 months) and ``masking``
(small numbers and secondary suppression) are pure Python without Django. ``expressions``,
``dimensions``, ``measures`` and ``catalogue`` are the database side: each indicator as SQL
aggregates, in a number of queries that does not grow with the number of cases. ``service``
puts them together for one caller (``compute_indicators``).
"""
