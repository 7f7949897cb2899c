"""Work not in the history yet, over random runners (Hypothesis): a run under way in another copy of
hamstride, or one a crash left that the runner has not resumed or kept (domain.done_by.with_unsaved).

At a random moment after a random history (tests/unit/runner_histories.py), some of its sessions still in
journals rather than in the history (any of them, running or left by a crash), and often a run begun in the
last hours in another window, with random checks and races in the diary, the invariants:
1. The coach never lets eccentric work start (home's suggestion, or the check saying go to an eccentric
   session) within 46 h of eccentric work in a journal (48 h, with the slack of
   test_one_answer_properties), whether that journal's copy is running or gone.
2. Weighed from journals or from the history, the work is the same to the coach: home suggests the same
   session and holds back alike, and the check says go or no alike with the same alternative. Only the
   words differ: a run under way is named where it is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Diary
from hamstride.domain.done_by import Unsaved, eccentric_ahead
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from tests.unit.runner_histories import ECCENTRIC, PROGRAMMES, run_of
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_safety_properties import situations

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPACED_HOURS = 46
answers = st.none() | st.builds(Readiness, st.none() | st.integers(0, 10), st.none() | st.booleans())


@st.composite
def journals(draw: st.DrawFn) -> tuple[list[Record], list[Unsaved], datetime, Diary]:
    """A situation whose latest sessions (any of them) are still in journals, and often a run begun in the
    last hours in another window: the history as read, the work not in it, now, the diary."""
    past, now, diary = draw(situations())
    chosen = draw(st.sets(st.integers(0, max(0, len(past) - 1)), max_size=3)) if past else set()
    unsaved = [Unsaved(r, draw(st.booleans())) for n, r in enumerate(past) if n in chosen]
    if draw(st.booleans()):
        began = now - timedelta(minutes=draw(st.integers(0, 50 * 60)))
        fresh = run_of(draw(st.sampled_from((*ECCENTRIC, *PROGRAMMES))), past, began, "f" * 32,
                       done=draw(st.booleans()))
        unsaved.append(Unsaved(fresh, draw(st.booleans())))
    saved = [r for n, r in enumerate(past) if n not in chosen]
    return saved, unsaved, now, diary


def eccentric(name: str | None) -> bool:
    return name is not None and SESSIONS[name].eccentric


@FAST
@given(journals(), st.sampled_from(ECCENTRIC), answers, st.sampled_from((WEEKLY, LOW_VOLUME)))
def test_no_eccentric_work_within_46_h_of_eccentric_work_in_a_journal(
        situation: tuple[list[Record], list[Unsaved], datetime, Diary], name: str, today: Readiness | None,
        maintenance: str) -> None:
    saved, unsaved, now, diary = situation
    recent = [u for u in unsaved if u.record.eccentric
              and timedelta(0) <= now - u.record.started < timedelta(hours=SPACED_HOURS)]
    if not recent:
        return
    home = suggest(SESSIONS, saved, now, 2, maintenance, diary, unsaved=unsaved)
    assert not eccentric(home.session), (home, recent, now)
    verdict = check(SESSIONS[name], SESSIONS, saved, now, today, 2, maintenance, diary, unsaved=unsaved)
    assert not verdict.go and not eccentric(verdict.alternative), (verdict, recent, now)


@FAST
@given(journals(), st.sampled_from(ECCENTRIC), answers, st.sampled_from((WEEKLY, LOW_VOLUME)))
def test_work_in_a_journal_weighs_as_it_will_once_saved(
        situation: tuple[list[Record], list[Unsaved], datetime, Diary], name: str, today: Readiness | None,
        maintenance: str) -> None:
    saved, unsaved, now, diary = situation
    whole = sorted([*saved, *(u.record for u in unsaved)], key=lambda r: r.started)
    from_journals = suggest(SESSIONS, saved, now, 2, maintenance, diary, unsaved=unsaved)
    if eccentric_ahead(unsaved) is not None:  # another window's warm-up, its Nordics to come: held until over
        assert from_journals.held and not eccentric(from_journals.session), from_journals
        assert not check(SESSIONS[name], SESSIONS, saved, now, today, 2, maintenance, diary, unsaved=unsaved).go
        return
    from_history = suggest(SESSIONS, whole, now, 2, maintenance, diary)
    assert (from_journals.session, from_journals.held) == (from_history.session, from_history.held), (
        from_journals, from_history)
    checked = check(SESSIONS[name], SESSIONS, saved, now, today, 2, maintenance, diary, unsaved=unsaved)
    plain = check(SESSIONS[name], SESSIONS, whole, now, today, 2, maintenance, diary)
    assert (checked.go, checked.alternative, len(checked.reasons)) == (plain.go, plain.alternative,
                                                                        len(plain.reasons)), (checked, plain)
