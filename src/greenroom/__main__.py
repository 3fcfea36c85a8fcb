"""`python -m greenroom`."""

from greenroom.cli import main

raise SystemExit(main())
