"""`python -m hamstride.cli`: the same as the `hamstride` command."""

import sys

from hamstride.cli import main

sys.exit(main())
