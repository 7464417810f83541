"""The council's path, as a user types it: the README's commands run as processes on hand-made files.

``README.md``'s "Loading your own extracts" block is read here, not copied, so the tests follow the
README as it stands: change a command there and these tests run the new one.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

FILES = Path(__file__).resolve().parent / "files"
DORSET = FILES / "dorset"
IN_YEAR = FILES / "in_year"
SEPTEMBER = IN_YEAR / "cin_2024-25_as_at_2024-09-30"
OCTOBER = IN_YEAR / "cin_2024-25_as_at_2024-10-31"
LA = "E06000059"
README_SECTION = "## Loading your own extracts"


@dataclass(frozen=True)
class Command:
    """One line of the README's block: its environment assignments and its words."""

    env: dict[str, str]
    argv: list[str]


def readme_commands() -> list[Command]:
    """The commands of the first ```bash block under the README's "Loading your own extracts"."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(README_SECTION) :]
    block = section[
        section.index("```bash") + len("```bash") : section.index("```", section.index("```bash") + 7)
    ]
    commands = []
    for line in block.strip().splitlines():
        words = shlex.split(line, comments=True)
        env = {}
        while words and "=" in words[0] and not words[0].startswith("-"):
            key, value = words.pop(0).split("=", 1)
            env[key] = value
        if words:
            commands.append(Command(env, words))
    return commands


def as_user_types(command: Command, exports: Path, db_path: Path) -> Command:
    """The README's command with its example paths (``exports/``, ``data/mycouncil.duckdb``) pointed at the
    test's folder and database, ``python`` as this interpreter and ``streamlit`` as its module."""
    swap = {"exports/": str(exports), "data/mycouncil.duckdb": str(db_path)}
    argv = [swap.get(w, w) for w in command.argv]
    if argv[0] == "python":
        argv[0] = sys.executable
    elif argv[0] == "streamlit":
        argv = [sys.executable, "-m", "streamlit", *argv[1:]]
    env = {k: swap.get(v, v) for k, v in command.env.items()}
    return Command(env, argv)


def run(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command from the project root, as a user in a terminal would (output captured)."""
    return subprocess.run(
        argv,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
    )


def cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m cscdash ARGS`` as a process."""
    return run([sys.executable, "-m", "cscdash", *args])


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A council's export folder: the hand-made Dorset returns copied where the README says."""
    target = tmp_path / "exports"
    shutil.copytree(DORSET, target)
    return target
