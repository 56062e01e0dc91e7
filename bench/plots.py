"""Plots for BENCHMARKS.md, drawn from the figures its sections record (run last by `make bench`)."""

from __future__ import annotations

import re

from bench.common import OUT, ROOT, write_section

PLOTS = ROOT / "bench" / "plots"


def table(section: str) -> list[list[str]]:
    """The rows of the first table under `## section`."""
    text = OUT.read_text(encoding="utf-8")
    lines = text[text.index(f"## {section}") :].splitlines()[1:]
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:  # after the header and the separator
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def ms(cell: str) -> float:
    return float(re.search(r"[\d.]+", cell.replace(",", "")).group())


def main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    PLOTS.mkdir(parents=True, exist_ok=True)
    made = []

    scale = table("Scale (issue 6)")
    sizes = [ms(r[0]) for r in scale]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.plot(sizes, [ms(r[1]) for r in scale], "o-", label="p50")
    ax.plot(sizes, [ms(r[2]) for r in scale], "s--", label="p95")
    ax.axhline(50, color="grey", lw=0.8, ls=":", label="target p50 (at 100k)")
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the store")
    ax.set_ylabel("search latency (ms)")
    ax.set_title("Hybrid search latency by store size")
    ax.legend()
    fig.savefig(PLOTS / "scale.png", dpi=110, bbox_inches="tight")
    made.append(("Search latency by store size", "scale.png"))

    load = table("HTTP API under load (issue 4)")
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for route in ("`/v1/search`", "`/v1/ask`"):
        rows = [r for r in load if r[0] == route]
        ax.plot([int(r[1]) for r in rows], [float(r[2]) for r in rows], "o-", label=route.strip("`"))
    ax.axhline(50, color="grey", lw=0.8, ls=":", label="target (search)")
    ax.set_xlabel("concurrent clients")
    ax.set_ylabel("requests/s")
    ax.set_title("HTTP throughput on loopback (2 cores, client included)")
    ax.legend()
    fig.savefig(PLOTS / "api_load.png", dpi=110, bbox_inches="tight")
    made.append(("HTTP throughput", "api_load.png"))

    naive = {r[0]: r for r in table("Side by side with the naive LangChain pipeline (issue 6)")}
    fig, ax = plt.subplots(figsize=(6, 2.4))
    ax.barh(["naive LangChain", "assessment-qa"], [ms(naive["hit@5"][1]), ms(naive["hit@5"][2])], color=["#999", "#2c6e8f"])
    ax.set_xlim(0, 1)
    ax.set_xlabel("hit@5 on the eval set")
    ax.set_title("Retrieval against the tutorial pipeline (same embedder)")
    fig.savefig(PLOTS / "naive.png", dpi=110, bbox_inches="tight")
    made.append(("Retrieval against the naive pipeline", "naive.png"))
    plt.close("all")

    write_section("Plots", "\n\n".join(f"![{title}](bench/plots/{name})" for title, name in made))


if __name__ == "__main__":
    main()
