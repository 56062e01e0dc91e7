#!/usr/bin/env python3
"""Render a fictional sample report from plain text to a PDF with a real text layer.

Reads a `.txt` report from examples/sources/ (kept out of examples/corpus so it is not
ingested twice) and writes examples/corpus/<name>.pdf using fpdf2 and a core font.

    pip install fpdf2
    python3 examples/make_pdf.py                       # the default Harrowfield sample
    python3 examples/make_pdf.py SOURCE.txt OUT.pdf

The source uses the plain-text frame of the other samples: a title line, the FICTIONAL
notice, then for each quality statement its name, "Score: N", "N - Evidence shows ...",
"What people expect", the I-statement, "The local authority commitment", the
we-statement, "Key findings for this quality statement", optional short sub-heading
lines and paragraphs, with a blank line between items.

Core fonts only encode latin-1, so a few typographic characters are mapped to plain
ones (an em dash becomes a hyphen); anything else outside latin-1 is an error.
"""
import datetime
import re
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE / "sources" / "harrowfield_council_assessment.txt"
DEFAULT_OUT = HERE / "corpus" / "harrowfield_council_assessment.pdf"

STATEMENTS = {
    "Assessing needs",
    "Supporting people to live healthier lives",
    "Equity in experience and outcomes",
    "Care provision, integration and continuity",
    "Partnerships and communities",
    "Safe pathways, systems and transitions",
    "Safeguarding",
    "Governance, management and sustainability",
    "Learning, improvement and innovation",
}
FRAME_LABELS = {
    "What people expect",
    "The local authority commitment",
    "Key findings for this quality statement",
}
PLAIN = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def to_latin1(text: str) -> str:
    for k, v in PLAIN.items():
        text = text.replace(k, v)
    text.encode("latin-1")  # raises UnicodeEncodeError on anything a core font cannot show
    return text


class ReportPDF(FPDF):
    def __init__(self, running_title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_title = running_title

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.running_title} - page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def build(source: Path, out: Path) -> None:
    items = [to_latin1(b.strip()) for b in source.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    title, notice, rest = items[0], items[1], items[2:]

    pdf = ReportPDF(title)
    pdf.set_title(title)
    pdf.set_author("assessment-qa sample corpus (fictional)")
    pdf.set_subject(notice)
    pdf.set_creation_date(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, notice, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for item in rest:
        if item in STATEMENTS:
            if pdf.get_y() > 230:
                pdf.add_page()
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 7, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif re.fullmatch(r"Score: [1-4]", item) or re.fullmatch(r"[1-4] - Evidence shows .*", item):
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif item in FRAME_LABELS:
            pdf.ln(1)
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif len(item.split()) <= 8 and not item.endswith("."):
            pdf.ln(1)
            pdf.set_font("Helvetica", "BI", 10.5)
            pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.5, item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)

    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    build(source, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
