"""`jobkg app`: start Streamlit on the packaged app script, with the options the repository's
.streamlit/config.toml gives `streamlit run app.py` (a test keeps the two equal)."""

from __future__ import annotations

from importlib.resources import files

OPTIONS = {
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": "false",
    "server.maxUploadSize": "50",
    # A served app never reloads on a changed file: without watchdog installed, Streamlit would
    # poll every module file instead, and a fresh machine's app ran its pages half as fast.
    "server.fileWatcherType": "none",
}


def serve(sources: list[str], port: int, host: str, any_source: bool = False) -> int:
    """Run the app until interrupted, serving these sources (folders, KB files, URLs; the first
    opens first) and the bundled corpus; with any_source, whatever the sidebar is given."""
    from streamlit.web import cli

    script = str(files("jobkg.app") / "streamlit_app.py")
    flags = [f"--{name}={value}" for name, value in OPTIONS.items()]
    flags += [f"--server.port={port}", f"--server.address={host}", "--server.headless=true"]
    extra = [part for source in sources for part in ("--source", source)] + (["--any-source"] if any_source else [])
    extra = ["--", *extra] if extra else []
    try:
        cli.main(args=["run", script, *flags, *extra], prog_name="jobkg app", standalone_mode=False)
    except KeyboardInterrupt:
        return 130
    return 0
