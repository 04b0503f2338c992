"""jobkg's web app: `streamlit run app.py` (optionally `-- --source PATH|URL`, or JOBKG_SOURCE).
The app itself is the jobkg.app package; `jobkg app` starts the same app from an installed wheel."""

from jobkg.app.main import main

main()
