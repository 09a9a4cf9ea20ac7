"""Near-duplicate checklist items of one role, from two procedures: found, and found in bounded time."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.handbook import ChecklistItem, Handbook, Step
from generator.validate import near_duplicates
from generator.validate.near_duplicates import near_duplicate_warnings, similar
from tests.helpers.seed_handbook import seed


def test_similar_texts_ignore_spacing_punctuation_and_width() -> None:
    assert similar("检查 3 号门是否上锁。", "检查3号门是否上锁")
    assert similar("确认客户到访时间、人数", "确认客户的到访时间和人数")
    assert not similar("确认客户到访时间", "整理会议室桌椅")


def _with_item_texts(handbook: Handbook, text: str) -> Handbook:
    """Every checklist item of every procedure given the same text."""

    def retext(step: Step) -> Step:
        if step.checklist is None:
            return step
        return dataclasses.replace(step, checklist=ChecklistItem(text, step.checklist.confirm))

    procedures = tuple(
        dataclasses.replace(
            p, phases=tuple(dataclasses.replace(ph, steps=tuple(retext(s) for s in ph.steps)) for ph in p.phases)
        )
        for p in handbook.procedures
    )
    return dataclasses.replace(handbook, procedures=procedures)


def test_a_large_role_sheet_is_checked_for_identical_items_only(monkeypatch: pytest.MonkeyPatch) -> None:
    handbook = _with_item_texts(seed(), "核对当天的接待安排")
    fuzzy = near_duplicate_warnings(handbook)
    monkeypatch.setattr(near_duplicates, "FUZZY_UP_TO", 1)
    identical_only = near_duplicate_warnings(handbook)
    assert fuzzy and identical_only
    assert {d.where for d in identical_only} <= {d.where for d in fuzzy}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="茶水备品检查奉上饮abc", max_size=9), st.sampled_from("pq")), max_size=12))
def test_only_pairs_that_cannot_be_similar_are_skipped(items: list[tuple[str, str]]) -> None:
    """The length bound and the same-procedure rule only skip pairs the full comparison would reject
    or the warning would drop: the pairs found are those of comparing every pair, in the same order."""
    texts = [near_duplicates.normalised(text) for text, _ in items]
    procedures = [procedure for _, procedure in items]
    every = [
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if procedures[i] != procedures[j] and near_duplicates._similar_normalised(texts[i], texts[j])
    ]
    found = [
        (i, j)
        for i, j in sorted(near_duplicates._candidates(texts, procedures))
        if near_duplicates._similar_normalised(texts[i], texts[j])
    ]
    assert found == every
