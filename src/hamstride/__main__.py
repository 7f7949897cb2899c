"""`python -m hamstride`: the same as the `hamstride` command (the same entry point, the same launch)."""

import sys

from hamstride.launch import main

sys.exit(main())
