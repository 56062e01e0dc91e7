"""`make bench`: every benchmark, each writing its own section of BENCHMARKS.md."""

from __future__ import annotations

from bench import answers, ingest_search


def main() -> None:
    ingest_search.main()
    answers.main([])


if __name__ == "__main__":
    main()
