"""Twenty concurrent app sessions share one KB, built once.

Runs in a fresh interpreter: AppTest keeps process-wide Streamlit state (and rebinds
__main__), and other app tests in the same process would otherwise share (and race on) it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def twenty_sessions() -> tuple[list[str], int]:
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest, local_script_runner

    from jobkg import kb as kb_module

    builds = []
    original = kb_module.KnowledgeBase.build.__func__

    def counting_build(cls, *args, **kwargs):
        builds.append(args)
        return original(cls, *args, **kwargs)

    kb_module.KnowledgeBase.build = classmethod(counting_build)
    # A real server compiles app.py once for all sessions (one ScriptCache per Runtime);
    # AppTest makes one per run, and CPython 3.11 cannot compile from many threads at once.
    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared
    # Likewise one Runtime: AppTest installs a mock Runtime for each run and removes it when the
    # run ends, so a session still running would find none; a server has one for all sessions.
    from streamlit.runtime import Runtime

    seen: list[object] = []

    def instance(cls: type[Runtime]) -> object:
        if cls._instance is not None:
            seen[:] = [cls._instance]
        return cls._instance or seen[0]

    Runtime.instance = classmethod(instance)

    def session(number: int) -> str:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.run()
        at.text_input(key="question").input("what grade is a Senior TPM").run()
        assert not at.exception, at.exception
        return at.subheader[0].value.replace("\\", "")  # the app escapes markdown in page text

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(session, range(20)))
    return answers, len(builds)


@pytest.mark.slow
def test_twenty_sessions_build_the_kb_once():
    import json
    import subprocess
    import sys

    script = "import json; from tests.app.test_sessions import twenty_sessions; print(json.dumps(twenty_sessions()))"
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    answers, builds = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers == ["Senior Technical Program Manager is grade 7."] * 20
    assert builds == 1
