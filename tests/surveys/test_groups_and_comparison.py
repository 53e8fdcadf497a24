"""Results per respondent group with small groups masked, and the comparison with an earlier
edition, as the organiser sees them on the pages and through the API (issue 15)."""

from __future__ import annotations

import pytest
from django.test import Client

from skyddsnat.audit.models import AuditEvent
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.breakdown import NO_GROUP, breakdown_for
from skyddsnat.surveys.models import Respondent


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answer_in_group(olle, edition, group: str, values: list[str], question: str = "1") -> None:
    start = Respondent.objects.filter(edition=edition).count()
    for i, value in enumerate(values):
        name = f"{group} {start + i}"
        surveys.import_response(
            acting_user=olle, edition_id=edition.pk, respondent=name, answers={question: value}
        )
        Respondent.objects.filter(edition=edition, name=name).update(group=group)


@pytest.fixture
def grouped(olle, edition):
    """Question 1 answered by 6 big-city municipalities, 5 towns and 2 rural ones."""
    answer_in_group(olle, edition, "Storstäder", ["Alltid"] * 4 + ["Sällan"] * 2)
    answer_in_group(olle, edition, "Mindre stad", ["Alltid"] * 5)
    answer_in_group(olle, edition, "Landsbygd", ["Aldrig", "Sällan"])
    return edition


def cells_of(questions, number: str) -> dict[str, object]:
    question = next(q for q in questions if q.number == number)
    return {c.group: c for c in question.cells}


def test_a_group_under_five_is_masked_and_a_second_one_so_it_cannot_be_worked_out(olle, grouped):
    _, groups, questions = breakdown_for(acting_user=olle, edition_id=grouped.pk)
    assert groups == ["Landsbygd", "Mindre stad", "Storstäder"]
    cells = cells_of(questions, "1")
    assert cells["Landsbygd"].is_masked
    assert "Färre än 5" in cells["Landsbygd"].masked
    assert cells["Landsbygd"].rows == []
    # 13 answered in all: with 6 and 5 shown, the 2 of Landsbygd would be 13 − 11. The smaller
    # of the others is hidden as well.
    assert cells["Mindre stad"].is_masked
    assert "räknas fram" in cells["Mindre stad"].masked
    big = cells["Storstäder"]
    assert not big.is_masked
    assert [r.as_list() for r in big.rows][:3] == [
        ["Alltid", 4, "66,7%"],
        ["I de flesta fall", 0, "0%"],
        ["Sällan", 2, "33,3%"],
    ]
    question = next(q for q in questions if q.number == "1")
    assert question.total == 13
    assert question.total_rows[0].as_list() == ["Alltid", 9, "69,2%"]


def test_groups_of_five_or_more_are_all_shown_and_a_respondent_without_group_counts(olle, edition):
    answer_in_group(olle, edition, "Storstäder", ["Alltid"] * 5)
    answer_in_group(olle, edition, "Landsbygd", ["Aldrig"] * 5)
    surveys.import_response(
        acting_user=olle, edition_id=edition.pk, respondent="Utan", answers={"2": "Alltid"}
    )
    _, groups, questions = breakdown_for(acting_user=olle, edition_id=edition.pk)
    assert groups == ["Landsbygd", "Storstäder", NO_GROUP]
    cells = cells_of(questions, "1")
    assert not cells["Landsbygd"].is_masked and not cells["Storstäder"].is_masked
    assert cells[NO_GROUP].svarande == 0 and not cells[NO_GROUP].is_masked
    # Question 2: only the one without a group answered: masked, the total (1) is the result.
    lonely = cells_of(questions, "2")[NO_GROUP]
    assert lonely.is_masked


def test_the_groups_page_shows_the_table_and_masks_in_words(olle, grouped):
    page = client_for(olle).get(f"/enkater/{grouped.pk}/grupper/")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<th scope="row">Storstäder</th><td class="num">6</td>' in text
    assert '<td class="num">66,7% (4)</td>' in text
    assert "Färre än 5 i underlaget" in text
    assert ">2<" not in text.split("Landsbygd", 1)[1].split("</tr>", 1)[0]
    assert AuditEvent.objects.filter(actor=olle, detail="resultat per grupp").count() == 1


def test_the_api_gives_the_groups_with_the_masking(api_as, olle, grouped):
    got = api_as(olle).get(f"/surveys/{grouped.pk}/results/groups")
    assert got.status_code == 200, got.json()
    body = got.json()
    assert body["groups"] == ["Landsbygd", "Mindre stad", "Storstäder"]
    one = body["questions"]["1"]
    assert one["svarande"] == 13
    by_group = {g["group"]: g for g in one["groups"]}
    assert by_group["Storstäder"]["rows"][0] == ["Alltid", 4, "66,7%"]
    assert by_group["Landsbygd"]["rows"] == [] and by_group["Landsbygd"]["masked"]


@pytest.fixture
def two_years(olle, edition):
    """2026: 1 of 4 "Alltid" in question 1; its copy 2027: 3 of 4."""
    for i, value in enumerate(["Alltid", "Sällan", "Sällan", "Sällan"]):
        surveys.import_response(
            acting_user=olle, edition_id=edition.pk, respondent=f"K{i}", answers={"1": value}
        )
    later = surveys.copy_edition(
        acting_user=olle, edition_id=edition.pk, title="Barnbarometern 2027", year=2027
    )
    for i, value in enumerate(["Alltid", "Alltid", "Alltid", "Sällan"]):
        surveys.import_response(
            acting_user=olle, edition_id=later.pk, respondent=f"K{i}", answers={"1": value}
        )
    return edition, later


def test_the_comparison_page_shows_then_and_now(olle, two_years):
    earlier, later = two_years
    page = client_for(olle).get(f"/enkater/{later.pk}/jamforelse/")
    assert page.status_code == 200
    text = page.content.decode()
    assert '<th scope="row">Alltid</th><td class="num">25%</td><td class="num">75%</td>' in text
    assert f'<option value="{earlier.pk}" selected>' in text


def test_the_first_edition_has_nothing_to_compare_with(olle, two_years):
    earlier, _ = two_years
    text = client_for(olle).get(f"/enkater/{earlier.pk}/jamforelse/").content.decode()
    assert "Det finns ingen tidigare omgång" in text


def test_a_later_or_foreign_edition_is_refused_as_the_earlier_one(olle, otto, two_years):
    earlier, later = two_years
    other = surveys.create_from_template(
        acting_user=otto, template="barnbarometer-2014", title="Söderbys"
    )
    for wanted in (later.pk, other.pk, "x"):
        page = client_for(olle).get(f"/enkater/{earlier.pk}/jamforelse/?med={wanted}")
        assert page.status_code == 400
        assert "tidigare omgång" in page.content.decode()


def test_the_api_compares_with_the_edition_it_was_copied_from(api_as, olle, two_years):
    earlier, later = two_years
    got = api_as(olle).get(f"/surveys/{later.pk}/comparison")
    assert got.status_code == 200, got.json()
    body = got.json()
    assert body["earlier"] == {"id": earlier.pk, "title": earlier.title, "year": earlier.year}
    first = body["questions"][0]
    assert first["number"] == "1" and first["earlier_number"] == "1"
    assert first["options"][0] == {"option": "Alltid", "earlier": "25%", "now": "75%"}
    refused = api_as(olle).get(f"/surveys/{earlier.pk}/comparison?earlier={later.pk}")
    assert refused.status_code == 422
    assert refused.json()["errors"]["earlier"]


def test_another_organiser_finds_neither_page(otto, two_years, api_as):
    _, later = two_years
    assert client_for(otto).get(f"/enkater/{later.pk}/jamforelse/").status_code == 404
    assert client_for(otto).get(f"/enkater/{later.pk}/grupper/").status_code == 404
    assert api_as(otto).get(f"/surveys/{later.pk}/comparison").status_code == 404
    assert api_as(otto).get(f"/surveys/{later.pk}/results/groups").status_code == 404


def test_the_results_page_draws_each_question_as_a_chart_beside_its_table(olle, two_years):
    _, later = two_years
    text = client_for(olle).get(f"/enkater/{later.pk}/").content.decode()
    assert '<svg role="img" aria-labelledby="chart-title-1"' in text
    assert 'width="75.0%"' in text
    assert "Resultat per kommungrupp" in text and "Jämför med en tidigare omgång" in text
