"""What is kept between requests is keyed by the code that worked it out (``codedigest``): a
release that changes any module a count or a time limit runs, however deep, makes it stale."""

from __future__ import annotations

from pathlib import Path

from skyddsnat import codedigest
from skyddsnat.cases import next_due_memo
from skyddsnat.indicators import kept

SRC = codedigest.SOURCE_ROOT


def _names(paths) -> set[str]:
    return {Path(p).relative_to(SRC).as_posix() for p in paths}


def test_the_closure_follows_imports_to_the_end():
    found = _names(codedigest.closure([SRC / "skyddsnat/indicators/jobs.py"]))
    # Imported by jobs.py; by service.py, which jobs.py imports; and by the queue in turn not
    # (django_q is a dependency, not Skyddsnät's).
    assert {
        "skyddsnat/indicators/jobs.py",
        "skyddsnat/indicators/service.py",
        "skyddsnat/jobs/queue.py",
    } <= found
    assert all(name.startswith("skyddsnat/") for name in found)


def test_the_closure_resolves_relative_imports():
    found = _names(codedigest.closure([SRC / "skyddsnat/rules/rule.py"]))
    assert {"skyddsnat/rules/calendar.py", "skyddsnat/rules/facts.py"} <= found


def test_what_the_time_study_indicator_calls_in_turn_is_in_the_indicators_digest():
    # timestudy.timeline is imported by timestudy.services, which the indicators call; a release
    # that changes it could change a count, so the kept tables must count again.
    counted = _names(kept.counted_by())
    assert "skyddsnat/timestudy/timeline.py" in counted
    assert "skyddsnat/web/worklist.py" not in counted  # a page is not what counts


def test_the_rules_digest_covers_what_the_facts_sources_import():
    covered = _names(codedigest.closure(next_due_memo.worked_out_by()))
    assert {"skyddsnat/rules/engine.py", "skyddsnat/cases/facts.py"} <= covered
    assert "skyddsnat/investigations/models.py" in covered


def test_a_changed_file_changes_the_digest(tmp_path, monkeypatch):
    package = tmp_path / "skyddsnat"
    package.mkdir()
    module = package / "counted.py"
    module.write_text("LIMIT = 14\n")
    monkeypatch.setattr(codedigest, "SOURCE_ROOT", tmp_path)
    before = codedigest.digest([module])
    assert codedigest.digest([module]) == before
    module.write_text("LIMIT = 15\n")
    assert codedigest.digest([module]) != before
