"""The pure domain: sessions, plans, the engine, records and the coach's rules. No I/O, no clock, no UI."""
