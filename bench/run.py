"""`make bench`: every benchmark, each writing its own section of BENCHMARKS.md."""

from __future__ import annotations

from bench import (
    answers,
    api_load,
    calibrate,
    ingest_search,
    naive,
    onnx_speed,
    plots,
    real_reports,
    reliability,
    scale,
    workers,
)


def main() -> None:
    ingest_search.main()
    answers.main([])
    real_reports.main()
    naive.main()
    onnx_speed.main()
    api_load.main([])
    reliability.main([])
    scale.main([])
    workers.main([])
    calibrate.main()
    plots.main()


if __name__ == "__main__":
    main()
