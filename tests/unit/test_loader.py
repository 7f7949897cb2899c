from __future__ import annotations

from pathlib import Path

import pytest

from hamstride import locations
from hamstride.domain import kinds as registry
from hamstride.domain.errors import SessionFileError
from hamstride.domain.kinds.hold import Hold
from hamstride.domain.kinds.pnf import Pnf
from hamstride.domain.kinds.reps import SelfPaced
from hamstride.domain.kinds.tempo import Tempo
from hamstride.domain.kinds.timed import Duration
from hamstride.domain.model import Side
from hamstride.storage.library import load_library
from hamstride.storage.loader import MAX_STEPS, load_session, parse_session
from tests.conftest import DATA

BAD = sorted((DATA / "bad_sessions").glob("*.toml"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_gives_its_exact_message(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text().rstrip("\n").replace("{file}", str(path))
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert str(caught.value) == expected


def test_every_bad_file_has_an_expected_message() -> None:
    assert BAD, "the bad-session corpus is empty"
    assert all(p.with_suffix(".expected").exists() for p in BAD)


def test_every_kind_loads_with_defaults_filled_in() -> None:
    session = load_session(DATA / "good_sessions" / "every-kind.toml")
    kinds = [s.kind for s in session.steps]
    assert kinds == [registry.TIMED, registry.HOLD, registry.TEMPO, registry.TEMPO,
                     registry.REPS, registry.PNF, registry.REST]
    jog, wall, nordic, walkout, lunges, pnf, breathe = session.steps
    assert (jog.params, jog.sets, jog.lead_in) == (Duration(30), 1, 4)  # session lead_in applies
    assert (wall.params, wall.reps) == (Hold(hold=20, between=5), 2)
    assert nordic.params == Tempo(5, 0, 1, 1, explosive_lift=True)
    assert nordic.kind.notation(nordic) == "5-0-X-1"
    assert (nordic.sets, nordic.rest, nordic.eccentric) == (2, 90, True)
    assert walkout.params == Tempo(5, 0, 2, 0)
    assert (lunges.sides, lunges.params) == (True, SelfPaced(rep_seconds=4))
    assert isinstance(pnf.params, Pnf) and (pnf.params.contract, pnf.params.stretch, pnf.params.cycles) == (6, 25, 3)
    assert pnf.switch == 8
    assert breathe.lead_in == 0  # a rest step needs no get-ready


def test_markup_in_text_is_kept_as_written() -> None:
    session = load_session(DATA / "good_sessions" / "markup-name.toml")
    assert session.title == "[bold red]Not markup[/]"
    assert session.steps[0].name == "[link=http://x]click[/link] me"


def test_three_part_tempo_means_no_top_pause() -> None:
    session = parse_session('title = "t"\n[[steps]]\nname = "RDL"\ntempo = "3-1-1"\nreps = 8\n',
                            file="t.toml", name="t")
    assert session.steps[0].params == Tempo(3, 1, 1, 0)


def test_file_over_one_mebibyte_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text('title = "big"\n' + "# padding\n" * 120_000)
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert "over the limit of 1,048,576 (1 MiB)" in str(caught.value)


def test_too_many_steps(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text('title = "long"\n' + '[[steps]]\nname = "Plank"\nhold = 5\n' * (MAX_STEPS + 1))
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert f"has {MAX_STEPS + 1} steps, over the limit of {MAX_STEPS}" in str(caught.value)


def test_largest_allowed_step_count_loads(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text('title = "long"\n' + '[[steps]]\nname = "Plank"\nhold = 5\n' * MAX_STEPS)
    assert len(load_session(path).steps) == MAX_STEPS


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "x"\n[[steps]]\nname = "Kn\xe4ebeuge"\nhold = 5\n'.encode("latin-1"))
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert str(caught.value) == f"{path}:3: is not UTF-8 text\n    fix: save the file as UTF-8"


def test_a_broken_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "good.toml").write_text('title = "Good"\n[[steps]]\nname = "Plank"\nhold = 30\n')
    (folder / "bad.toml").write_text('title = "Bad"\n[[steps]]\nname = "Plank"\nhold = -1\n')
    library = load_library(None, folder)
    assert [s.title for s in library.sessions] == ["Good"]
    assert [e.name for e in library.broken] == ["bad"]
    assert library.broken[0].error is not None
    assert "key 'hold': is -1 seconds" in str(library.broken[0].error)


def test_every_builtin_session_loads() -> None:
    library = load_library(locations.builtin_sessions(), None)
    assert not library.broken, [str(e.error) for e in library.broken]
    assert {s.name for s in library.sessions} >= {
        "early-week-strength", "late-week-short", "pre-run-warmup", "post-run-pnf", "nordic-first-session"}


def test_user_file_replaces_builtin_of_same_name(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "post-run-pnf.toml").write_text('title = "My stretch"\n[[steps]]\nname = "Fold"\nhold = 30\n')
    library = load_library(locations.builtin_sessions(), user)
    entry = library.find("post-run-pnf")
    assert entry is not None and entry.overrides_builtin and not entry.builtin
    assert entry.session is not None and entry.session.title == "My stretch"
    assert library.names().count("post-run-pnf") == 1


def test_find_by_unique_prefix() -> None:
    library = load_library(locations.builtin_sessions(), None)
    entry = library.find("early")
    assert entry is not None and entry.name == "early-week-strength"
    assert library.find("p") is None  # pre-run and post-run: ambiguous


def test_sided_default_structure() -> None:
    session = parse_session('title = "t"\n[[steps]]\nname = "Swings"\nduration = 30\nsides = true\n',
                            file="t.toml", name="t")
    assert session.steps[0].sides and session.steps[0].switch == 5
    assert Side.LEFT.value == "left"


def test_the_coach_keys_load() -> None:
    """category, why, exercise and main: what the coach reads instead of guessing from names."""
    from hamstride.domain.model import Category, Exercise

    text = ('title = "Mine"\ncategory = "strength"\nwhy = "Because."\n'
            '[[steps]]\nname = "NHE"\nexercise = "nordic"\nmain = true\ntempo = "4-0-1-0"\nreps = 3\n'
            '[[steps]]\nname = "Walk-out"\nexercise = "eccentric-bridge"\ntempo = "5-0-2-3"\nreps = 3\n')
    loaded = parse_session(text, file="m.toml", name="m")
    nhe, walkout = loaded.steps
    assert (loaded.category, loaded.why) == (Category.STRENGTH, "Because.")
    assert (nhe.exercise, nhe.main, nhe.eccentric) == (Exercise.NORDIC, True, True)  # a Nordic is eccentric
    assert (walkout.exercise, walkout.main, walkout.eccentric) == (Exercise.ECCENTRIC_BRIDGE, False, True)
    assert loaded.main_step == nhe and loaded.nordic
    # A file that does not say: eccentric work makes it an eccentric session, anything else no category.
    plain = parse_session('title = "P"\n[[steps]]\nname = "Plank"\nhold = 20\n', file="p.toml", name="p")
    assert plain.category is None and plain.main_step is None
    old = parse_session('title = "O"\n[[steps]]\nname = "N"\ntempo = "4-0-1-0"\nreps = 3\neccentric = true\n',
                        file="o.toml", name="o")
    assert old.category is Category.ECCENTRIC


def test_every_builtin_says_what_it_is_and_which_step_is_its_main_work() -> None:
    library = load_library(locations.builtin_sessions(), None)
    for entry in library.entries:
        assert entry.session is not None, entry.name
        assert entry.session.category is not None, entry.name
        if entry.session.category.focused:
            assert entry.session.main_step is not None, entry.name
    for entry in library.entries:
        assert entry.session is not None
        for step in entry.session.steps:
            assert step.exercise is not None or "nordic" not in step.name.lower() or not step.eccentric, \
                (entry.name, step.name)


def test_a_name_reads_only_the_sessions_it_could_mean(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "post-run-pnf.toml").write_text('title = "My stretch"\n[[steps]]\nname = "Fold"\nhold = 30\n')
    (user / "zz-broken.toml").write_text("not toml at all [[[\n")
    whole = load_library(locations.builtin_sessions(), user)
    some = load_library(locations.builtin_sessions(), user, starting="POST")
    assert [e.name for e in some.entries] == ["post-run-pnf"]
    assert some.entries == tuple(whole.matches("POST"))  # what matches() finds, and only that, was read
    assert some.entries[0].overrides_builtin


def test_running_by_name_still_names_every_session_when_none_matches(tmp_path: Path) -> None:
    from rich.console import Console

    from hamstride.cli.common import resolve
    from hamstride.cli.context import Context
    from hamstride.domain.errors import SessionNotFound

    context = Context(Console(), tmp_path)
    with pytest.raises(SessionNotFound, match="known sessions: .*early-week-strength.*post-run-pnf"):
        resolve("nope", context.library, context.session_names)
    with pytest.raises(SessionNotFound, match="could be any of: post-run-pnf, pre-run-warmup"):
        resolve("p", context.library, context.session_names)
    early = context.library().find("early")
    assert early is not None and early.session is not None
    assert resolve("early", context.library).title == early.session.title
