"""Offline evaluation of answers: test sets, metrics without an LLM judge, reports, comparisons."""
