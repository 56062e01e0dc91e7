"""Reports of a run: results.json (everything), summary.md, a self-contained report.html with
charts (matplotlib, embedded as PNG), and ragas.jsonl in RAGAS's column format."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

LATENCY = ("latency_p50_ms", "latency_p95_ms")


def fmt(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if name in LATENCY else f"{value:.3f}"


def ci(m: dict[str, Any]) -> str:
    return f"{m['ci95'][0]:.3f} – {m['ci95'][1]:.3f}" if m.get("ci95") else ""


def write(results: dict[str, Any], out: Path, comparison: dict[str, Any] | None = None) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"results": out / "results.json", "summary": out / "summary.md", "report": out / "report.html", "ragas": out / "ragas.jsonl"}
    paths["results"].write_text(json.dumps({**results, "comparison": comparison}, indent=1, ensure_ascii=False), encoding="utf-8")
    paths["summary"].write_text(summary_md(results, comparison), encoding="utf-8")
    paths["report"].write_text(report_html(results, comparison), encoding="utf-8")
    with paths["ragas"].open("w", encoding="utf-8") as f:
        for r in results["cases"]:
            f.write(json.dumps({"user_input": r["question"], "response": r["answer"], "retrieved_contexts": r.get("contexts", []),
                                "reference": r.get("reference") or ""}, ensure_ascii=False) + "\n")
    return paths


def summary_md(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    s, cfg = results["summary"], results["config"]
    lines = [f"# Evaluation {results.get('name') or ''}".rstrip(), "",
             f"{cfg['cases']} cases, answerer `{cfg['llm']}`, k={cfg['k']}, {results['created']}, {results['seconds']} s.", "",
             "| metric | value | 95% CI | cases |", "| --- | --- | --- | --- |"]
    for name, m in s.items():
        lines.append(f"| {name} | {fmt(name, m['value'])} | {ci(m)} | {m['n']} |")
    failed = [r for r in results["cases"] if not r["passed"]]
    lines += ["", f"## Failed cases ({len(failed)})", ""]
    lines += [f"- `{r['id']}`: {'; '.join(r['failures'])}" for r in failed] or ["None."]
    if comparison:
        lines += ["", compare_md(comparison)]
    return "\n".join(lines) + "\n"


def compare_md(c: dict[str, Any]) -> str:
    lines = [f"## Compared with {c['baseline']}", "", "| metric | baseline | now | delta |", "| --- | --- | --- | --- |"]
    for name, d in c["metrics"].items():
        delta = "" if d["delta"] is None else f"{d['delta']:+.3f}" if name not in LATENCY else f"{d['delta']:+.0f} ms"
        lines.append(f"| {name} | {fmt(name, d['baseline'])} | {fmt(name, d['now'])} | {delta} |")
    lines += ["", f"Pass → fail ({len(c['regressed'])}): " + (", ".join(f"`{i}`" for i in c["regressed"]) or "none"),
              f"Fail → pass ({len(c['fixed'])}): " + (", ".join(f"`{i}`" for i in c["fixed"]) or "none")]
    return "\n".join(lines)


# --- HTML ---------------------------------------------------------------------------------------


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def charts(results: dict[str, Any], comparison: dict[str, Any] | None) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = results["summary"]
    names = [n for n, m in s.items() if n not in LATENCY and m["value"] is not None]
    values = [s[n]["value"] for n in names]
    lo = [v - (s[n]["ci95"] or (v, v))[0] for n, v in zip(names, values, strict=True)]
    hi = [(s[n]["ci95"] or (v, v))[1] - v for n, v in zip(names, values, strict=True)]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(names) + 1))
    ax.barh(names, values, xerr=[lo, hi], color="#2c6e8f", capsize=3, label="this run")
    if comparison:
        base = [comparison["metrics"].get(n, {}).get("baseline") for n in names]
        ax.scatter([b if b is not None else float("nan") for b in base], names, color="#c0392b", zorder=3, label="baseline")
        ax.legend(loc="lower right")
    ax.set_xlim(0, 1.05)
    ax.invert_yaxis()
    ax.set_title("Metrics (mean over applicable cases, 95% bootstrap CI)")
    out = {"metrics": _png(fig)}
    fig, ax = plt.subplots(figsize=(8, 3))
    ax.hist([r["latency_ms"] for r in results["cases"]], bins=30, color="#2c6e8f")
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("cases")
    ax.set_title("Latency")
    out["latency"] = _png(fig)
    return out


def report_html(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    e = html.escape
    img = charts(results, comparison)
    s = results["summary"]
    metric_rows = "".join(
        f"<tr><td>{e(n)}</td><td>{e(fmt(n, m['value']))}</td><td>{e(ci(m))}</td><td>{m['n']}</td></tr>" for n, m in s.items()
    )
    case_rows = "".join(
        f"<tr class=\"{'pass' if r['passed'] else 'fail'}\"><td>{e(r['id'])}</td><td>{e(r.get('kind') or '')}</td>"
        f"<td>{e(r['question'])}</td><td>{e(r['answer'])}</td><td>{'pass' if r['passed'] else 'FAIL'}</td>"
        f"<td>{e('; '.join(r['failures']))}</td><td>{r['latency_ms']:.0f}</td></tr>"
        for r in results["cases"]
    )
    compare = ""
    if comparison:
        compare = "<h2>Comparison</h2><pre>" + e(compare_md(comparison)) + "</pre>"
    cfg = results["config"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>assessment-qa evaluation</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px}} table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}} tr.fail td{{background:#fdecea}}
img{{max-width:100%}} .only-fail tr.pass{{display:none}}
</style></head><body>
<h1>Evaluation {e(results.get('name') or '')}</h1>
<p>{cfg['cases']} cases · answerer <code>{e(cfg['llm'])}</code> · k={cfg['k']} · {e(results['created'])} · {results['seconds']} s</p>
<h2>Metrics</h2>
<img id="chart-metrics" alt="Metric bars with 95% confidence intervals" src="{img['metrics']}">
<table><thead><tr><th>metric</th><th>value</th><th>95% CI</th><th>cases</th></tr></thead><tbody>{metric_rows}</tbody></table>
<h2>Latency</h2>
<img id="chart-latency" alt="Latency histogram" src="{img['latency']}">
{compare}
<h2>Cases</h2>
<label><input type="checkbox" id="only-failures"> Show failures only</label>
<table id="cases"><thead><tr><th>id</th><th>kind</th><th>question</th><th>answer</th><th>result</th><th>what failed</th><th>ms</th></tr></thead>
<tbody>{case_rows}</tbody></table>
<script>
document.getElementById("only-failures").addEventListener("change", function (ev) {{
  document.getElementById("cases").classList.toggle("only-fail", ev.target.checked);
}});
</script>
</body></html>
"""
