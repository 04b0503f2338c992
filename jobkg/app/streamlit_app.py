"""The script Streamlit runs for `jobkg app` (an installed wheel has no top-level app.py)."""

from jobkg.app.main import main

main()
