"""Twenty concurrent app sessions share one KB, built once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


def test_twenty_sessions_build_the_kb_once(monkeypatch):
    import app
    from jobkg import kb as kb_module

    app.load_kb.clear()
    builds = []
    original = kb_module.KnowledgeBase.build.__func__

    def counting_build(cls, *args, **kwargs):
        builds.append(args)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(kb_module.KnowledgeBase, "build", classmethod(counting_build))

    # A real server compiles app.py once for all sessions (one ScriptCache per Runtime);
    # AppTest makes a cache per run, and CPython 3.11 cannot compile from many threads at once.
    # Share one cache, as the server does.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import local_script_runner

    shared = ScriptCache()
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: shared)

    def session(number: int) -> str:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.run()
        at.text_input(key="question").input("what grade is a Senior TPM").run()
        assert not at.exception
        return at.subheader[0].value.replace("\\", "")  # the app escapes markdown in page text

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(session, range(20)))
    assert answers == ["Senior Technical Program Manager is grade 7."] * 20
    assert len(builds) == 1
