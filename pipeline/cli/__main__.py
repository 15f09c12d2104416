"""``python -m pipeline.cli`` is ``kaiji`` (for a checkout whose venv has no console script yet)."""

from pipeline.cli.tree import main

raise SystemExit(main())
