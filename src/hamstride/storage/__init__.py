"""Storage at the edge: session files, history months, the journal, config and exports."""
