"""Benchmarks that print ratios; run from the repository root, e.g. ``python -m bench.sequencing``."""
