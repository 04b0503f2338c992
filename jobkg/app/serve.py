"""`jobkg app`: start Streamlit on the packaged app script, with the options the repository's
.streamlit/config.toml gives `streamlit run app.py` (a test keeps the two equal)."""

from __future__ import annotations

from importlib.resources import files

OPTIONS = {
    "client.toolbarMode": "viewer",
    "browser.gatherUsageStats": "false",
    "server.maxUploadSize": "50",
}


def serve(source: str | None, port: int, host: str) -> int:
    """Run the app until interrupted; the source (folder, KB file, URL) is opened first."""
    from streamlit.web import cli

    script = str(files("jobkg.app") / "streamlit_app.py")
    flags = [f"--{name}={value}" for name, value in OPTIONS.items()]
    flags += [f"--server.port={port}", f"--server.address={host}", "--server.headless=true"]
    extra = ["--", "--source", source] if source else []
    try:
        cli.main(args=["run", script, *flags, *extra], prog_name="jobkg app", standalone_mode=False)
    except KeyboardInterrupt:
        return 130
    return 0
