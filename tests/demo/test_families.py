"""The generated families: each child a test identity number of its own, until they run out."""

from __future__ import annotations

import random
from datetime import date

from skyddsnat.demo.families import Families, NumbersUsedUp

DAY = date(2026, 3, 11)


def test_every_new_child_gets_a_number_no_other_child_has():
    families = Families(random.Random(7))
    for _ in range(300):
        families.new(DAY)
    numbers = [c.pin for f in families.families for c in f.children if c.pin]
    assert len(numbers) == len(set(numbers)) > 300


def test_when_the_numbers_run_out_a_report_is_about_a_family_reported_before():
    families = Families(random.Random(7), repeat_share=0.0)
    before = [families.new(DAY) for _ in range(20)]

    def used_up(day, unaccompanied=False, ages=None):
        raise NumbersUsedUp(day, "girl")

    families.new = used_up
    picked = {id(families.pick(DAY)) for _ in range(50)}
    assert picked <= {id(f) for f in before}
    assert len(families.families) == 20
