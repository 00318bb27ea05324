"""Benchmarks: ``python -m bench NAME``; each prints a table of measured figures."""
