"""Benchmarks: run with `make perf`. They print figures and assert nothing about speed."""
