"""Benchmarks and fault tools (``tidings bench*``). The core never imports this package."""
