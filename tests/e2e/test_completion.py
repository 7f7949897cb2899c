"""Tab completion as a runner meets it: an interactive bash or zsh in a real terminal, the script
loaded as the README says, and Tab pressed after the start of a command and of a session's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, hamstride_command, require

pytestmark = pytest.mark.e2e

MINE = 'title = "Mine"\n[[steps]]\nname = "Plank"\nhold = 30\n'

SHELLS = {
    # No rc files: only what the README's line sets up.
    "bash": (["bash", "--norc", "--noprofile", "-i"], 'eval "$(hamstride completion bash)"'),
    "zsh": (["zsh", "-f", "-i"], 'autoload -U compinit && compinit -u && eval "$(hamstride completion zsh)"'),
}


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_tab_completes_commands_and_the_runners_own_session_names(shell: str, tmp_path: Path) -> None:
    command, setup = SHELLS[shell]
    require(command[0])
    mine = tmp_path / "hamstride" / "config" / "sessions"  # tmp_path/home is made by conftest
    mine.mkdir(parents=True)
    (mine / "my-hill-strength.toml").write_text(MINE)
    folder = str(Path(hamstride_command()).parent)
    env = {"HOME": str(tmp_path / "home"), "HAMSTRIDE_HOME": str(tmp_path / "hamstride"), "TERM": "xterm-256color",
           "PATH": f"{folder}:/usr/bin:/bin", "PS1": "$ ", "PROMPT": "$ "}
    terminal = Terminal(tmp_path, width=120, height=30)
    try:
        terminal.start(command, env)
        terminal.keys(setup, "Enter")
        terminal.keys("clear", "Enter")
        terminal.wait_for(lambda lines: lines[0].strip() == "$", what="a clear prompt")
        terminal.keys("hamstride his", "Tab")
        terminal.wait_for(lambda lines: any("hamstride history" in line for line in lines), what="history completed")
        terminal.keys("C-u", "hamstride run my-hi", "Tab")  # a session of the runner's own, by its name
        terminal.wait_for(lambda lines: any("hamstride run my-hill-strength" in line for line in lines),
                          what="the runner's session completed")
        terminal.keys("C-u", "hamstride show nordic-f", "Tab")  # a built-in one
        terminal.wait_for(lambda lines: any("hamstride show nordic-first-session" in line for line in lines),
                          what="a built-in session completed")
        terminal.keys("C-u", "hamstride list --data-d", "Tab")  # an option of every command, after its name
        terminal.wait_for(lambda lines: any("hamstride list --data-dir" in line for line in lines),
                          what="--data-dir completed after the command")
    finally:
        terminal.close()
