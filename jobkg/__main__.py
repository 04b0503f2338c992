"""`python -m jobkg ...` is the `jobkg` command."""

from jobkg.cli import main

raise SystemExit(main())
