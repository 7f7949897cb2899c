"""The runner's answers kept: the readiness check's as they are given, and what was typed on a screen the app
ends under, as that screen's own way out keeps it.

ctrl+q, the palette's Quit, a hang-up, SIGTERM or a closed terminal end the app without the screen's keys:
the summary's effort and soreness, and the readiness check's answers before its verdict, were lost, and a
soreness lost is one the coach does not read before the next Nordics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamstride.domain.record import Readiness
    from hamstride.ui.app import HamstrideApp


def keep_check_answers(app: HamstrideApp, answers: Readiness) -> None:
    """An answer given is an answer kept: the coach reads it tomorrow, whatever happens next."""
    store = app.services.history() if answers.answered else None
    if store is None:
        return
    from hamstride.domain.diary import Check
    from hamstride.storage.diary import save_check

    try:
        notes = save_check(store.folder, Check(app.services.wall(), answers.soreness, answers.key_run))
    except OSError as error:
        notes = [f"Your answers could not be kept ({error.strerror or error})"]
    for note in notes:
        app.notify(note, severity="warning", timeout=10)


def keep_answers_left_open(app: HamstrideApp) -> None:
    """Written here and now (no worker runs once the app is going); once, however many ways out follow."""
    from hamstride.ui.screens.readiness import ReadinessScreen

    if app.flow is not None:
        app.flow.keep_answers()
    for screen in app.screen_stack:
        if isinstance(screen, ReadinessScreen):
            screen.keep_given()
