"""`python -m bot.cli`: the `jianfu` command."""

import sys

from bot.cli import main

sys.exit(main())
