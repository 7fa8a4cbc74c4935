"""``python -m namenorm``: the same program as the ``namenorm`` command."""

from namenorm.cli import main

raise SystemExit(main())
