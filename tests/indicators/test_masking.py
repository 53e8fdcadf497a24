"""Small numbers: figures of 1–4 are hidden outside the owning unit, and stay hidden.

No masked figure may be recoverable by subtracting the shown parts of a line from its shown
total, also for a reader who knows the rule (a hidden figure is never 0).
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from skyddsnat.indicators.masking import (
    SECONDARY,
    SMALL,
    Figure,
    Line,
    is_small,
    recoverable,
    suppress,
)

TOTAL = "total"


def row(*sizes: int, numerators: tuple[int, ...] | None = None, visible: tuple[str, ...] = ()):
    """Return the figures and the line of a one-way table with parts a, b, c … and their sum."""
    keys = [chr(ord("a") + i) for i in range(len(sizes))]
    figures = {
        k: Figure(size=s, numerator=numerators[i] if numerators else None, visible=k in visible)
        for i, (k, s) in enumerate(zip(keys, sizes, strict=True))
    }
    figures[TOTAL] = Figure(size=sum(sizes), numerator=sum(numerators) if numerators else None)
    return figures, [Line(TOTAL, tuple(keys))]


# --- examples ----------------------------------------------------------------------------------


def test_it_hides_one_to_four_and_shows_zero_and_five():
    assert [is_small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]
    figures = {"zero": Figure(0), "four": Figure(4), "five": Figure(5)}
    assert suppress(figures, []) == {"four": SMALL}


def test_a_lone_small_part_takes_the_smallest_other_part_with_it():
    # girls 3, boys 10, other 7: total 20 is shown, so girls = 20 - 10 - 7 would be recoverable.
    figures, lines = row(3, 10, 7)
    assert suppress(figures, lines) == {"a": SMALL, "c": SECONDARY}


def test_zero_is_never_hidden_to_protect_a_small_part():
    # 3 + 0 + 10 = 13: hiding the 0 would not help, since a hidden figure is never 0.
    figures, lines = row(3, 0, 10)
    assert suppress(figures, lines) == {"a": SMALL, "c": SECONDARY}


def test_a_small_total_hides_its_small_parts_and_needs_nothing_more():
    figures, lines = row(3, 0, 1)
    assert suppress(figures, lines) == {"a": SMALL, "c": SMALL, TOTAL: SMALL}


def test_two_ones_are_not_enough_when_their_sum_gives_them_away():
    # 1 + 1 + 20: two hidden parts that sum to 2 must both be 1, so the 20 is hidden too.
    figures, lines = row(1, 1, 20)
    assert suppress(figures, lines) == {"a": SMALL, "b": SMALL, "c": SECONDARY}


def test_hidden_shares_that_would_all_be_zero_percent_take_a_non_zero_share_with_them():
    # 0/3 and 0/2 are hidden; the total 10/40 minus 10/20 and 0/15 leaves 0 of 5: both would
    # read 0 %. Hiding 0/15 (the smaller) would not help; hiding 10/20 does.
    figures, lines = row(3, 2, 20, 15, numerators=(0, 0, 10, 0))
    hidden = suppress(figures, lines)
    assert hidden == {"a": SMALL, "b": SMALL, "c": SECONDARY}


def test_what_the_viewer_owns_is_never_hidden_and_the_total_goes_instead():
    # The viewer's own unit (10) is visible; the other unit (2) cannot hide behind it.
    figures, lines = row(10, 2, visible=("a",))
    assert suppress(figures, lines) == {"b": SMALL, TOTAL: SECONDARY}


def test_a_two_way_table_reaches_a_fixed_point_over_rows_and_columns():
    # Units U1, U2 by sex (girl, boy): U1 girls 2 is small.
    cells = {("U1", "g"): 2, ("U1", "b"): 9, ("U2", "g"): 8, ("U2", "b"): 7}
    figures = {k: Figure(v) for k, v in cells.items()}
    figures |= {("U1", None): Figure(11), ("U2", None): Figure(15)}
    figures |= {(None, "g"): Figure(10), (None, "b"): Figure(16), (None, None): Figure(26)}
    lines = [
        Line(("U1", None), (("U1", "g"), ("U1", "b"))),
        Line(("U2", None), (("U2", "g"), ("U2", "b"))),
        Line((None, "g"), (("U1", "g"), ("U2", "g"))),
        Line((None, "b"), (("U1", "b"), ("U2", "b"))),
        Line((None, None), ((None, "g"), (None, "b"))),
        Line((None, None), (("U1", None), ("U2", None))),
    ]
    hidden = suppress(figures, lines)
    # U1 girls, then U1 boys (row) and U2 girls (column), then U2 boys (both): a square.
    assert set(hidden) == {("U1", "g"), ("U1", "b"), ("U2", "g"), ("U2", "b")}
    assert_no_line_recoverable(figures, lines, hidden)


# --- properties --------------------------------------------------------------------------------


def assert_no_line_recoverable(figures, lines, hidden):
    for line in lines:
        if line.total in hidden:
            continue
        parts = [figures[p] for p in line.parts if p in hidden]
        assert len(parts) != 1, f"{line}: the one hidden part is the total minus the rest"
        assert not recoverable(parts), f"{line}: the hidden parts can be worked out"


def assert_primary_rule(figures, hidden):
    for key, figure in figures.items():
        if figure.visible:
            assert key not in hidden
        elif is_small(figure.size):
            assert hidden.get(key) == SMALL
        if key in hidden:
            assert figure.size > 0


sizes = st.integers(min_value=0, max_value=30)


@st.composite
def share_rows(draw):
    parts = draw(st.lists(sizes, min_size=1, max_size=8))
    numerators = tuple(draw(st.integers(0, s)) for s in parts)
    owned = draw(st.lists(st.sampled_from("abcdefgh"[: len(parts)]), max_size=2))
    return tuple(parts), numerators, tuple(owned)


@settings(max_examples=300, deadline=None)
@given(st.lists(sizes, min_size=1, max_size=8))
def test_no_masked_count_is_recoverable_from_the_total_minus_the_shown_parts(parts):
    figures, lines = row(*parts)
    hidden = suppress(figures, lines)
    assert_primary_rule(figures, hidden)
    assert_no_line_recoverable(figures, lines, hidden)


@settings(max_examples=300, deadline=None)
@given(share_rows())
def test_no_masked_share_is_recoverable_and_owned_figures_stay_visible(data):
    parts, numerators, owned = data
    figures, lines = row(*parts, numerators=numerators, visible=owned)
    hidden = suppress(figures, lines)
    assert_primary_rule(figures, hidden)
    assert_no_line_recoverable(figures, lines, hidden)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 8), min_size=2, max_size=4))
def test_a_reader_who_knows_the_rule_finds_two_values_for_every_hidden_count(parts):
    """Brute force: every split of the hidden sum into non-zero parts is a possible table."""
    figures, lines = row(*parts)
    hidden = suppress(figures, lines)
    if TOTAL in hidden:
        return
    hidden_parts = [k for k in lines[0].parts if k in hidden]
    rest = figures[TOTAL].size - sum(figures[k].size for k in lines[0].parts if k not in hidden)
    candidates = [
        combo
        for combo in product(range(1, rest + 1), repeat=len(hidden_parts))
        if sum(combo) == rest
    ]
    for i, _ in enumerate(hidden_parts):
        assert len({combo[i] for combo in candidates}) >= 2


@st.composite
def two_way_tables(draw):
    rows = draw(st.integers(1, 4))
    cols = draw(st.integers(1, 4))
    cells = {(r, c): draw(sizes) for r in range(rows) for c in range(cols)}
    owned = set(draw(st.lists(st.integers(0, rows - 1), max_size=1)))
    figures = {k: Figure(v, visible=k[0] in owned) for k, v in cells.items()}
    for r in range(rows):
        figures[(r, None)] = Figure(sum(cells[(r, c)] for c in range(cols)), visible=r in owned)
    for c in range(cols):
        figures[(None, c)] = Figure(sum(cells[(r, c)] for r in range(rows)))
    figures[(None, None)] = Figure(sum(cells.values()))
    lines = [Line((r, None), tuple((r, c) for c in range(cols))) for r in (*range(rows), None)]
    lines += [Line((None, c), tuple((r, c) for r in range(rows))) for c in range(cols)]
    lines.append(Line((None, None), tuple((r, None) for r in range(rows))))
    return figures, lines


@settings(max_examples=300, deadline=None)
@given(two_way_tables())
def test_in_a_two_way_table_no_row_or_column_gives_a_hidden_figure_away(table):
    figures, lines = table
    hidden = suppress(figures, lines)
    assert_primary_rule(figures, hidden)
    assert_no_line_recoverable(figures, lines, hidden)
