"""Reports of a run: results.json (everything), summary.md, a self-contained report.html with
charts (matplotlib, embedded as PNG), and ragas.jsonl in RAGAS's column format. Several answerers
run side by side get one combined summary.md and report.html over their own folders.

All text in the HTML is escaped; the page loads nothing from outside itself."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

LATENCY = ("latency_p50_ms", "latency_p95_ms")
# Rows of the side-by-side table: (what, answer-path metric, independent metric, judge metric).
SCORERS = (
    ("citation precision", "citation_precision", "citation_precision_independent", None),
    ("citation recall (sentences supported by their citations)", "citation_recall", "citation_recall_independent", "judge_support"),
    ("faithfulness (sentences supported by the cited passages together)", "faithfulness", "faithfulness_independent", None),
    ("correctness (rules: fact recall; judge: against the reference)", "fact_recall", None, "judge_correctness"),
    ("cases passed", "passed", "passed_independent", None),
)


def fmt(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if name in LATENCY else f"{value:.3f}"


def ci(m: dict[str, Any]) -> str:
    return f"{m['ci95'][0]:.3f} – {m['ci95'][1]:.3f}" if m.get("ci95") else ""


def _value(summary: dict[str, Any], name: str | None) -> str:
    if name is None or name not in summary:
        return "—"
    m = summary[name]
    return f"{fmt(name, m['value'])} (n={m['n']})"


def disagreements(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Cases the answer-path check and the independent scorer judge differently."""
    return [r for r in results["cases"] if r["passed"] != r.get("passed_independent", r["passed"])]


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


# --- Markdown -------------------------------------------------------------------------------------


def summary_md(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    s, cfg = results["summary"], results["config"]
    lines = [f"# Evaluation {results.get('name') or ''}".rstrip(), "",
             f"{cfg['cases']} cases, answerer `{cfg['llm']}`, k={cfg['k']}, {results['created']}, {results['seconds']} s.", "",
             "| metric | value | 95% CI | cases |", "| --- | --- | --- | --- |"]
    for name, m in s.items():
        lines.append(f"| {name} | {fmt(name, m['value'])} | {ci(m)} | {m['n']} |")
    lines += ["", "## Answer-path check vs independent scorer" + (" vs LLM judge" if results.get("judge") else ""), "",
              f"Independent scorer: {_independent_note(cfg)}.", ""]
    lines += _scorers_md(results)
    if results.get("judge"):
        j = results["judge"]
        lines += ["", f"LLM judge `{j['model']}` at {j['url']}: {j['judged']} answers judged, "
                      f"{j['unparseable']} with an unparseable reply, {j['errors']} failed requests."]
    if results.get("by_kind"):
        lines += ["", "## By kind", ""] + kind_table_md(results["by_kind"])
    failed = [r for r in results["cases"] if not r["passed"]]
    lines += ["", f"## Failed cases ({len(failed)})", ""]
    lines += [f"- `{r['id']}`: {'; '.join(r['failures'])}" for r in failed] or ["None."]
    split = disagreements(results)
    if split:
        lines += ["", f"## Cases the two scorers disagree on ({len(split)})", ""]
        for r in split:
            verdict = "answer path passes, independent fails" if r["passed"] else "answer path fails, independent passes"
            why = "; ".join(f for f in r.get("failures_independent", []) if f not in r["failures"]) or "; ".join(r["failures"])
            lines.append(f"- `{r['id']}` ({verdict}): {why}")
    labelled = [r for r in results["cases"] if r.get("label")]
    if labelled:
        lines += ["", f"## Human labels ({len(labelled)})", ""]
        lines += [f"- `{r['id']}`: {r['label']['label']} (automatic: {'pass' if r['passed'] else 'fail'})"
                  + (f" — {r['label']['note']}" if r["label"].get("note") else "") for r in labelled]
    if comparison:
        lines += ["", compare_md(comparison)]
    return "\n".join(lines) + "\n"


def _independent_note(cfg: dict[str, Any]) -> str:
    ind = cfg.get("independent") or {}
    emb = ind.get("embedding_check")
    if emb:
        return f"numbers, dates, names and negations must be in the cited passage, and cosine ≥ {emb['threshold']} ({emb['model']})"
    return "numbers, dates, names and negations must be in the cited passage" + (f"; no embedding check: {ind['note']}" if ind.get("note") else "")


def _scorers_md(results: dict[str, Any]) -> list[str]:
    s = results["summary"]
    judge = bool(results.get("judge"))
    head = "| measure | answer-path check | independent scorer |" + (" LLM judge |" if judge else "")
    lines = [head, "| --- | --- | --- |" + (" --- |" if judge else "")]
    for what, a, b, j in SCORERS:
        lines.append(f"| {what} | {_value(s, a)} | {_value(s, b)} |" + (f" {_value(s, j)} |" if judge else ""))
    return lines


def kind_table_md(by_kind: dict[str, Any]) -> list[str]:
    kinds = list(by_kind)
    names = list(dict.fromkeys(n for k in kinds for n in by_kind[k]))
    lines = ["| metric | " + " | ".join(f"{k} (n={_cases(by_kind[k])})" for k in kinds) + " |",
             "| --- |" + " --- |" * len(kinds)]
    for n in names:
        lines.append(f"| {n} | " + " | ".join(fmt(n, by_kind[k].get(n, {}).get("value")) for k in kinds) + " |")
    return lines


def _cases(summary: dict[str, Any]) -> int:
    return int(summary.get("passed", {}).get("n", 0))


def compare_md(c: dict[str, Any]) -> str:
    lines = [f"## Compared with {c['baseline']}", "", "| metric | baseline | now | delta |", "| --- | --- | --- | --- |"]
    for name, d in c["metrics"].items():
        lines.append(f"| {name} | {fmt(name, d['baseline'])} | {fmt(name, d['now'])} | {_delta(name, d['delta'])} |")
    kinds = {k: d for k, d in (c.get("by_kind") or {}).items() if "passed" in d}
    if kinds:
        lines += ["", "| kind | passed (baseline) | passed (now) | delta |", "| --- | --- | --- | --- |"]
        for k, d in kinds.items():
            p = d["passed"]
            lines.append(f"| {k} | {fmt('passed', p['baseline'])} | {fmt('passed', p['now'])} | {_delta('passed', p['delta'])} |")
    lines += ["", f"Pass → fail ({len(c['regressed'])}): " + (", ".join(f"`{i}`" for i in c["regressed"]) or "none"),
              f"Fail → pass ({len(c['fixed'])}): " + (", ".join(f"`{i}`" for i in c["fixed"]) or "none")]
    changed = c.get("labels") or []
    if changed:
        lines += ["", f"Label changes ({len(changed)}; a human label wins over the automatic verdict):", ""]
        lines += [f"- `{x['id']}`: {x['baseline'] or 'unlabelled'} → {x['now'] or 'unlabelled'} (automatic: {x['automatic']})"
                  + (f" — {x['note']}" if x.get("note") else "") for x in changed]
    return "\n".join(lines)


def _delta(name: str, delta: float | None) -> str:
    if delta is None:
        return ""
    return f"{delta:+.0f} ms" if name in LATENCY else f"{delta:+.3f}"


# --- charts ---------------------------------------------------------------------------------------


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def charts(results: dict[str, Any], comparison: dict[str, Any] | None) -> dict[str, str]:
    plt = _pyplot()
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


# --- HTML -----------------------------------------------------------------------------------------

e = html.escape

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1300px} table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left} tr.fail>td{background:#fdecea}
img{max-width:100%} .only-fail tr.pass{display:none} .only-split tr.agree{display:none}
.scroll{overflow-x:auto} .side{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.hit{color:#1e7b34;font-weight:600} .miss{color:#8a8a8a} .bad{color:#b3261e;font-weight:600}
.passage{white-space:pre-wrap;max-height:12em;overflow:auto;background:#f7f7f7;padding:4px;margin:2px 0}
.quote{white-space:pre-wrap;background:#f3f6fa;border-left:3px solid #2c6e8f;padding:4px 8px;margin:4px 0}
details.evidence{margin-top:6px} details.evidence table{font-size:13px} .small{font-size:12px;color:#555}
"""


def report_html(results: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    img = charts(results, comparison)
    s = results["summary"]
    metric_rows = "".join(
        f"<tr><td>{e(n)}</td><td>{e(fmt(n, m['value']))}</td><td>{e(ci(m))}</td><td>{m['n']}</td></tr>" for n, m in s.items()
    )
    compare = ""
    if comparison:
        compare = "<h2>Comparison</h2><pre>" + e(compare_md(comparison)) + "</pre>"
    cfg = results["config"]
    judge = results.get("judge")
    judge_note = ""
    if judge:
        judge_note = (f"<p>LLM judge <code>{e(str(judge['model']))}</code> at <code>{e(str(judge['url']))}</code>: "
                      f"{judge['judged']} answers judged, {judge['unparseable']} unparseable replies, {judge['errors']} failed requests.</p>")
    split = disagreements(results)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>assessment-qa evaluation</title>
<style>{STYLE}</style></head><body>
<h1>Evaluation {e(results.get('name') or '')}</h1>
<p>{cfg['cases']} cases · answerer <code>{e(str(cfg['llm']))}</code> · k={cfg['k']} · {e(results['created'])} · {results['seconds']} s</p>
<h2>Metrics</h2>
<img id="chart-metrics" alt="Metric bars with 95% confidence intervals" src="{img['metrics']}">
<table id="metrics"><thead><tr><th>metric</th><th>value</th><th>95% CI</th><th>cases</th></tr></thead><tbody>{metric_rows}</tbody></table>
<h2>Answer-path check vs independent scorer{' vs LLM judge' if judge else ''}</h2>
<p>Independent scorer: {e(_independent_note(cfg))}. {len(split)} case(s) judged differently.</p>
{judge_note}
{_scorers_html(results)}
<h2>By kind</h2>
{kind_table_html(results.get('by_kind') or {})}
<h2>Latency</h2>
<img id="chart-latency" alt="Latency histogram" src="{img['latency']}">
{compare}
<h2>Cases</h2>
<label><input type="checkbox" id="only-failures"> Show failures only</label>
<label><input type="checkbox" id="only-disagreements"> Show only cases the scorers disagree on</label>
<div class="scroll"><table id="cases"><thead><tr><th>id</th><th>kind</th><th>question</th><th>answer and evidence</th>
<th>answer-path</th><th>independent</th><th>label</th><th>what failed</th><th>ms</th></tr></thead>
<tbody>{''.join(case_row(r) for r in results['cases'])}</tbody></table></div>
<script>
document.getElementById("only-failures").addEventListener("change", function (ev) {{
  document.getElementById("cases").classList.toggle("only-fail", ev.target.checked);
}});
document.getElementById("only-disagreements").addEventListener("change", function (ev) {{
  document.getElementById("cases").classList.toggle("only-split", ev.target.checked);
}});
</script>
</body></html>
"""


def _scorers_html(results: dict[str, Any]) -> str:
    s = results["summary"]
    judge = bool(results.get("judge"))
    rows = "".join(f"<tr><td>{e(what)}</td><td>{e(_value(s, a))}</td><td>{e(_value(s, b))}</td>"
                   + (f"<td>{e(_value(s, j))}</td>" if judge else "") + "</tr>" for what, a, b, j in SCORERS)
    return (f"<table id=\"scorers\"><thead><tr><th>measure</th><th>answer-path check</th><th>independent scorer</th>"
            f"{'<th>LLM judge</th>' if judge else ''}</tr></thead><tbody>{rows}</tbody></table>")


def kind_table_html(by_kind: dict[str, Any]) -> str:
    kinds = list(by_kind)
    if not kinds:
        return "<p>No kinds.</p>"
    names = list(dict.fromkeys(n for k in kinds for n in by_kind[k]))
    head = "".join(f"<th>{e(k)} <span class=\"small\">n={_cases(by_kind[k])}</span></th>" for k in kinds)
    body = "".join(
        f"<tr><td>{e(n)}</td>" + "".join(f"<td>{e(fmt(n, by_kind[k].get(n, {}).get('value')))}</td>" for k in kinds) + "</tr>"
        for n in names
    )
    return f"<div class=\"scroll\"><table id=\"by-kind\"><thead><tr><th>metric</th>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _where(p: dict[str, Any]) -> str:
    parts = [p.get("authority"), p.get("quality_statement"), p.get("section")]
    return " — ".join(x for x in parts if x) + f" ({p.get('source', '')} {p.get('start', '')}:{p.get('end', '')})"


def _cos(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _gold_rank(rank: int | None, within_k: bool) -> str:
    if rank is None:
        return "not retrieved"
    return str(rank) if within_k else f"{rank} (beyond k)"


def _span(span: list[int] | None) -> str:
    return f" [{span[0]}:{span[1]}]" if span else ""


def case_row(r: dict[str, Any]) -> str:
    passed, ind = r["passed"], r.get("passed_independent", r["passed"])
    label = r.get("label")
    label_cell = ""
    if label:
        label_cell = f"<b>{e(label['label'])}</b>" + (f"<br><span class=\"small\">{e(label.get('note', ''))}</span>" if label.get("note") else "")
    failures = list(dict.fromkeys([*r["failures"], *(f for f in r.get("failures_independent", []) if f not in r["failures"])]))
    why = "".join(f"<li>{e(f)}</li>" for f in failures)
    notes = "".join(f"<li class=\"small\">{e(n)}</li>" for n in r.get("notes", []))
    classes = f"{'pass' if passed else 'fail'} {'agree' if passed == ind else 'disagree'}"
    return (f"<tr class=\"{classes}\" id=\"case-{e(r['id'])}\"><td>{e(r['id'])}</td><td>{e(r.get('kind') or '')}</td>"
            f"<td>{e(r['question'])}</td><td>{e(r['answer'])}{evidence_html(r)}</td>"
            f"<td>{'pass' if passed else 'FAIL'}</td><td>{'pass' if ind else 'FAIL'}</td><td>{label_cell}</td>"
            f"<td><ul>{why}{notes}</ul></td><td>{r['latency_ms']:.0f}</td></tr>")


def evidence_html(r: dict[str, Any]) -> str:
    """The answer's citations opened, its sentences' verdicts, and the retrieved passages in rank
    order beside the gold passages."""
    parts = []
    cites = r.get("citations") or []
    if cites:
        parts.append("<h4>Citations</h4>" + "".join(
            f"<div class=\"cite\"><b>[{c['n']}]</b> {e(_where(c))}<div class=\"quote\">{e(c['quote'])}</div></div>" for c in cites))
    sentences = r.get("sentences") or []
    if sentences:
        judged = {s["n"]: s["verdict"] for s in (r.get("judge") or {}).get("sentences", [])}
        rows = "".join(
            f"<tr><td>{i}</td><td>{e(s['text'])}</td><td>{e(''.join(f'[{n}]' for n in s['cites']) or 'none')}</td>"
            f"<td class=\"{'hit' if s['supported'] else 'bad'}\">{'supported' if s['supported'] else 'unsupported'}</td>"
            f"<td>{e(s.get('reason') or '')}</td><td>{_cos(s.get('cosine'))}</td>"
            + (f"<td>{e(judged.get(i, ''))}</td>" if judged else "") + "</tr>"
            for i, s in enumerate(sentences, 1))
        parts.append("<h4>Sentences (independent scorer)</h4><table class=\"sentences\"><thead><tr><th>#</th><th>sentence</th>"
                     "<th>cites</th><th>verdict</th><th>why</th><th>cosine</th>" + ("<th>judge</th>" if judged else "")
                     + f"</tr></thead><tbody>{rows}</tbody></table>")
    removed = r.get("removed") or []
    if removed:
        parts.append("<h4>Removed by the answer-path check</h4><ul>" + "".join(
            f"<li>{e(x.get('action', ''))}: {e(x.get('sentence', ''))} ({e(x.get('reason', ''))})</li>" for x in removed) + "</ul>")
    judge = r.get("judge")
    if judge:
        state = f"error: {judge['error']}" if judge.get("error") else f"correct: {judge.get('correct')}"
        parts.append(f"<h4>LLM judge</h4><p>{e(state)}</p><div class=\"passage\">{e(judge.get('raw') or '')}</div>")
    retrieved = "".join(
        f"<tr><td>{p['rank']}</td><td class=\"{'hit' if p['hit'] else 'miss'}\">{'hit' if p['hit'] else 'miss'}"
        f"{' (gold ' + ', '.join(map(str, p['gold'])) + ')' if p['gold'] else ''}{'' if p.get('in_k', True) else ' (beyond k)'}</td>"
        f"<td>{e(''.join(f'[{n}]' for n in p['cited']))}</td>"
        f"<td>{e(_where(p))}<div class=\"passage\">{e(p['text'])}</div></td></tr>"
        for p in r.get("retrieved") or [])
    in_k = {p["rank"]: p.get("in_k", True) for p in r.get("retrieved") or []}
    gold = "".join(
        f"<tr><td>{g['n']}</td><td class=\"{'hit' if g['rank'] and in_k.get(g['rank'], True) else 'bad'}\">"
        f"{_gold_rank(g['rank'], in_k.get(g['rank'], True))}</td>"
        f"<td>{e(''.join(f'[{n}]' for n in g['cited'])) or 'not cited'}</td>"
        f"<td>{e(g['source'])}{e(_span(g.get('span')))}"
        f"<div class=\"passage\">{e(g.get('quote') or '')}</div></td></tr>"
        for g in r.get("gold") or [])
    if retrieved or gold:
        parts.append(
            "<div class=\"side\"><div><h4>Retrieved, in rank order</h4><table class=\"retrieved\"><thead><tr><th>rank</th><th>vs gold</th>"
            f"<th>cited</th><th>passage</th></tr></thead><tbody>{retrieved}</tbody></table></div>"
            "<div><h4>Gold passages</h4>" + (
                f"<table class=\"gold\"><thead><tr><th>#</th><th>rank</th><th>cited</th><th>passage</th></tr></thead><tbody>{gold}</tbody></table>"
                if gold else "<p>None (no gold for this case).</p>") + "</div></div>")
    if not parts:
        return ""
    return f"<details class=\"evidence\"><summary>evidence</summary>{''.join(parts)}</details>"


# --- several answerers side by side ---------------------------------------------------------------


def write_combined(runs: dict[str, dict[str, Any]], out: Path) -> dict[str, Path]:
    """One summary.md and report.html over runs of the same set by several answerers (each run's
    own reports are in out/<answerer>/)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"summary": out / "summary.md", "report": out / "report.html", "combined": out / "combined.json"}
    paths["summary"].write_text(combined_md(runs), encoding="utf-8")
    paths["report"].write_text(combined_html(runs), encoding="utf-8")
    combined = {"answerers": list(runs), "summary": {n: r["summary"] for n, r in runs.items()},
                "by_kind": {n: r.get("by_kind", {}) for n, r in runs.items()},
                "cases": _case_grid(runs)}
    paths["combined"].write_text(json.dumps(combined, indent=1, ensure_ascii=False), encoding="utf-8")
    return paths


def _case_grid(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    order: dict[str, dict[str, Any]] = {}
    for name, res in runs.items():
        for r in res["cases"]:
            row = order.setdefault(r["id"], {"id": r["id"], "kind": r.get("kind") or "", "question": r["question"], "answerers": {}})
            row["answerers"][name] = {"passed": r["passed"], "passed_independent": r.get("passed_independent", r["passed"]),
                                      "answer": r["answer"], "failures": r["failures"]}
    return list(order.values())


def _metric_names(runs: dict[str, dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(n for r in runs.values() for n in r["summary"]))


def combined_md(runs: dict[str, dict[str, Any]]) -> str:
    names = list(runs)
    first = next(iter(runs.values()))
    lines = [f"# Evaluation {first.get('name') or ''}: {', '.join(names)} side by side".replace("  ", " "), "",
             f"{first['config']['cases']} cases, k={first['config']['k']}. Each answerer's own reports: "
             + ", ".join(f"`{n}/`" for n in names) + ".", "",
             "| metric | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    for m in _metric_names(runs):
        lines.append(f"| {m} | " + " | ".join(fmt(m, runs[n]["summary"].get(m, {}).get("value")) for n in names) + " |")
    kinds = list(dict.fromkeys(k for r in runs.values() for k in r.get("by_kind", {})))
    if kinds:
        lines += ["", "## By kind", ""]
        for m in ("passed", "passed_independent", "fact_recall", "citation_recall_independent"):
            lines += [f"### {m}", "", "| kind | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
            for k in kinds:
                lines.append(f"| {k} | " + " | ".join(fmt(m, runs[n].get("by_kind", {}).get(k, {}).get(m, {}).get("value")) for n in names) + " |")
            lines.append("")
        lines.append("Every metric per kind for each answerer is in its own summary.md.")
    grid = _case_grid(runs)
    differ = [c for c in grid if len({a["passed"] for a in c["answerers"].values()}) > 1]
    lines += ["", f"## Cases with different outcomes ({len(differ)})", ""]
    lines += [f"- `{c['id']}`: " + ", ".join(f"{n} {'pass' if a['passed'] else 'FAIL'}" for n, a in c["answerers"].items()) for c in differ] or ["None."]
    return "\n".join(lines) + "\n"


def combined_html(runs: dict[str, dict[str, Any]]) -> str:
    names = list(runs)
    first = next(iter(runs.values()))
    metric_rows = "".join(
        f"<tr><td>{e(m)}</td>" + "".join(f"<td>{e(fmt(m, runs[n]['summary'].get(m, {}).get('value')))}</td>" for n in names) + "</tr>"
        for m in _metric_names(runs))
    head = "".join(f"<th>{e(n)}</th>" for n in names)
    kinds = list(dict.fromkeys(k for r in runs.values() for k in r.get("by_kind", {})))
    kind_tables = "".join(f"<h3>{e(n)}</h3>{kind_table_html(runs[n].get('by_kind') or {})}" for n in names)
    kind_rows = "".join(
        f"<tr><td>{e(k)}</td>" + "".join(
            f"<td>{e(fmt('passed', runs[n].get('by_kind', {}).get(k, {}).get('passed', {}).get('value')))}</td>" for n in names) + "</tr>"
        for k in kinds)
    cases = "".join(
        f"<tr class=\"{'differ' if len({a['passed'] for a in c['answerers'].values()}) > 1 else 'same'}\"><td>{e(c['id'])}</td>"
        f"<td>{e(c['kind'])}</td><td>{e(c['question'])}</td>" + "".join(
            (f"<td class=\"{'hit' if a['passed'] else 'bad'}\">{'pass' if a['passed'] else 'FAIL'}"
             f" <a href=\"{e(n)}/report.html#case-{e(c['id'])}\">details</a><div class=\"small\">{e(a['answer'])}</div></td>")
            if (a := c["answerers"].get(n)) else "<td>—</td>" for n in names) + "</tr>"
        for c in _case_grid(runs))
    img = _combined_chart(runs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>assessment-qa evaluation: answerers side by side</title>
<style>{STYLE} .only-differ tr.same{{display:none}}</style></head><body>
<h1>Evaluation {e(first.get('name') or '')}: {e(', '.join(names))}</h1>
<p>{first['config']['cases']} cases · k={first['config']['k']} · each answerer's full report: {' · '.join(f'<a href="{e(n)}/report.html">{e(n)}</a>' for n in names)}</p>
<img id="chart-answerers" alt="Metrics per answerer" src="{img}">
<h2>Metrics</h2>
<table id="answerers"><thead><tr><th>metric</th>{head}</tr></thead><tbody>{metric_rows}</tbody></table>
<h2>By kind</h2>
<table id="by-kind-passed"><thead><tr><th>kind: passed</th>{head}</tr></thead><tbody>{kind_rows}</tbody></table>
<details><summary>every metric per kind, per answerer</summary>{kind_tables}</details>
<h2>Cases</h2>
<label><input type="checkbox" id="only-differ"> Show only cases with different outcomes</label>
<div class="scroll"><table id="cases"><thead><tr><th>id</th><th>kind</th><th>question</th>{head}</tr></thead><tbody>{cases}</tbody></table></div>
<script>
document.getElementById("only-differ").addEventListener("change", function (ev) {{
  document.getElementById("cases").classList.toggle("only-differ", ev.target.checked);
}});
</script>
</body></html>
"""


def _combined_chart(runs: dict[str, dict[str, Any]]) -> str:
    plt = _pyplot()
    names = list(runs)
    metrics = [m for m in _metric_names(runs) if m not in LATENCY
               and any(runs[n]["summary"].get(m, {}).get("value") is not None for n in names)]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(metrics) + 1))
    height = 0.8 / max(len(names), 1)
    for i, n in enumerate(names):
        values = [runs[n]["summary"].get(m, {}).get("value") for m in metrics]
        ax.barh([y + i * height for y in range(len(metrics))], [v if v is not None else 0 for v in values], height=height, label=n)
    ax.set_yticks([y + height * (len(names) - 1) / 2 for y in range(len(metrics))])
    ax.set_yticklabels(metrics)
    ax.set_xlim(0, 1.05)
    ax.invert_yaxis()
    ax.legend(loc="lower right")
    ax.set_title("Metrics per answerer")
    return _png(fig)
