"""What config.toml chooses for the coach: the weekly target and the dose after a programme.

Apart from the progression that uses them, so that reading the settings does not load
the coach's rules: the home screen draws its first frame before it needs them.
"""

from __future__ import annotations

DEFAULT_WEEKLY_TARGET = 2  # sessions a week: the rhythm the streaks (stats) count, until config.toml sets one
WEEKLY = "weekly"  # after a programme: its last week's dose once a week (Petersen 2011)
LOW_VOLUME = "low-volume"  # ... or 2 x 5 once a week
MAINTENANCE_MODES = (WEEKLY, LOW_VOLUME)
# The 2 x 5 as a session of its own (home offers it in low-volume maintenance): run on a day a programme is
# at maintenance, it is that programme's session of the week (progression.progress).
LOW_VOLUME_SESSION = "nordic-maintenance"
