"""Issue 13.5, `aqa chat` as people run it: piped (one question per line, a transcript on stdout)
and at a terminal (a pseudo-terminal here: line editing, Up recalls a question asked in an earlier
session, the history kept in the data dir)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TELFORD, WIRRAL

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTION = "When did Wirral launch its Transfer of Care Hub?"


def aqa(*args: str, data_dir: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aqa.cli", *args, "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=600, **kw
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("chat") / "data"
    proc = aqa("ingest", "-q", str(WIRRAL), str(TELFORD), data_dir=data)
    assert proc.returncode == 0, proc.stderr
    return data


def test_chat_reads_questions_from_a_pipe_and_prints_a_transcript(store):
    proc = aqa("chat", data_dir=store, input=f"{QUESTION}\n\n   \nand Telford?\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [line for line in lines if line.startswith(">")] == [f"> {QUESTION}", "> and Telford?"]  # echoed; no bare prompts
    answer = proc.stdout.split("> and Telford?")[0]
    assert "July 2023" in answer and "[1] Wirral Council" in answer
    assert "Telford" in proc.stdout.split("> and Telford?")[1]  # the follow-up was answered, about Telford
    assert "Ask about the reports" not in proc.stdout and "Loading" not in proc.stderr  # no terminal chrome
    assert not (store / "chat-history").exists()  # nothing typed, nothing to recall


def test_chat_with_nothing_piped_ends_at_once(store):
    proc = aqa("chat", data_dir=store, input="")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


class Terminal:
    """`aqa chat` on a pseudo-terminal: what it writes is read back as a screen would get it."""

    def __init__(self, data_dir: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "aqa.cli", "chat", "--data-dir", str(data_dir)],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        )
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, since: int = 0, timeout: float = 120) -> int:
        """Read until `text` is shown after position `since`; returns the position just after it."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not shown within {timeout} s; the screen so far:\n{self.seen[-3000:]}")
            ready, _, _ = select.select([self.master], [], [], min(left, 1.0))
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:  # the process ended
                    if text not in self.seen[since:]:
                        raise AssertionError(f"ended before showing {text!r}:\n{self.seen[-3000:]}") from None
        return self.seen.index(text, since) + len(text)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self, timeout: float = 60) -> int | None:
        """Wait for the process to end, reading what it still writes (a full terminal would block it)."""
        deadline = time.monotonic() + timeout
        try:
            while self.proc.poll() is None and time.monotonic() < deadline:
                if select.select([self.master], [], [], 0.1)[0]:
                    try:
                        self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                    except OSError:
                        self.proc.wait(max(deadline - time.monotonic(), 0.1))
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            os.close(self.master)
        return self.proc.wait()


def test_at_a_terminal_up_recalls_a_question_from_an_earlier_session(store):
    first = Terminal(store)
    try:
        at = first.wait_for("\n> ", first.wait_for("Up and Down recall earlier questions"))
        first.type(QUESTION + "\r")
        at = first.wait_for("July 2023", at)
        first.wait_for("\n> ", at)  # the next prompt
        first.type("\r")  # an empty line stops
        assert first.close() == 0
    finally:
        if first.proc.poll() is None:
            first.proc.kill()
    history = store / "chat-history"
    assert history.read_text().splitlines()[-1] == QUESTION
    assert history.stat().st_mode & 0o077 == 0  # private

    second = Terminal(store)
    try:
        at = second.wait_for("\n> ", second.wait_for("Up and Down recall earlier questions"))
        second.type("\x1b[A")  # Up
        at = second.wait_for(QUESTION, at)
        second.type("\r")
        at = second.wait_for("July 2023", at)
        second.wait_for("\n> ", at)
        second.type("\x04")  # Ctrl-D stops too
        assert second.close() == 0
    finally:
        if second.proc.poll() is None:
            second.proc.kill()
    assert history.read_text().splitlines().count(QUESTION) == 1  # asked again, kept once
