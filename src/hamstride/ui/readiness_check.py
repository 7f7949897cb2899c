"""The check before eccentric work: how the legs are today, and the session or its alternative."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App

from hamstride.domain.model import Session
from hamstride.domain.record import Readiness, Record
from hamstride.ui.services import Services

if TYPE_CHECKING:
    from hamstride.domain.diary import Diary
    from hamstride.domain.readiness import Verdict
    from hamstride.ui.screens.readiness import ReadinessChoice


def ask_readiness(app: App[Any], session: Session, records: Sequence[Record], services: Services, diary: Diary, *,
                  go: Callable[[Session, Readiness], None], declined: Callable[[], None],
                  keep: Callable[[Readiness], None], maintenance: str, target: int,
                  besides: Collection[str] = ()) -> None:
    """Ask, then `go` with the session chosen (it, or the alternative the answers call for); back: `declined`.
    Every answer given is kept (`keep`) as the verdict is reached, also when the runner backs out or the app
    is quit or hung up on at the verdict: the coach reads it next time.
    The alternative is the coach's one answer for today (domain.suggest.check): what home suggests.
    The history and the work not in it yet (another copy's run under way, a crash's: `Services.unsaved_work`,
    weighed as done by now) are read when the verdict is reached: another window may start, or run and save,
    its session while this runner answers. `besides`: the ids of runs left out (a crashed run this check is
    resuming).
    Each verdict is reached under the history's start gate (storage.start_gate), and a "go" keeps it until the
    run's first journal is written: two windows whose checks end at once do not both start the Nordics."""
    from hamstride.domain.diary import known_race
    from hamstride.domain.readiness import STARTING_ELSEWHERE
    from hamstride.domain.suggest import check
    from hamstride.ui.screens.readiness import ALTERNATIVE, BACK, ReadinessScreen

    library = services.library()
    sessions = {e.name: e.session for e in library.entries if e.session is not None}

    store = services.history()
    gate = store.start_gate() if store is not None else None
    if gate is not None:  # a check asked after another's "go" (a resume's alternative): its runner answers first
        gate.release()

    def assess_now(answers: Readiness) -> Verdict:
        if store is not None:  # a cold read of years of months before the gate: under it, the months are warm
            store.load()
        if gate is not None and not gate.hold() and gate.contended:  # a run another copy starts is in its journal
            return STARTING_ELSEWHERE
        history = store.load().records if store is not None else records
        verdict = check(session, sessions, history, services.wall(), answers, target, maintenance, diary,
                        unsaved=services.unsaved_work(history, besides))
        if gate is not None and not verdict.go:  # the runner reads "Not today": no other check waits on that
            gate.release()
        return verdict

    def answered(choice: ReadinessChoice | None) -> None:
        if choice is None or choice.run == BACK:  # back: nothing starts
            if gate is not None:
                gate.release()
            declined()
            return
        chosen = session
        alternative = assess_now(choice.answers).alternative
        if choice.run == ALTERNATIVE:  # the gentle session asked for, as the verdict is now; none: nothing starts
            found = library.find(alternative) if alternative is not None else None
            if found is None or found.session is None:
                if gate is not None:
                    gate.release()
                declined()
                return
            chosen = found.session
        if gate is not None:  # held until the run's first journal is written (run_flow): other checks read it
            gate.hold()
        go(chosen, choice.answers)

    titles = {e.name: e.session.title for e in library.entries if e.session is not None}
    now = services.wall()
    known = tuple(known_race(race, now) for race in diary.known_ahead(now))  # said, not asked again
    app.push_screen(ReadinessScreen(session.title, assess_now, titles, why=session.why, known=known, keep=keep),
                    answered)
