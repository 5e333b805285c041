"""Business documents as PDF (quotes, statements) with reportlab, in English or Chinese.

Any text with characters outside Latin-1 (a customer's Chinese name in an English quote, or a
whole Chinese document) is set in reportlab's built-in CID font STSong-Light, which needs no font
file on the machine.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _needs_cjk(text: str) -> bool:
    return any(ord(ch) > 0xFF for ch in text)


class PdfDocument:
    """Build a document top to bottom, then `render()` it to bytes."""

    def __init__(self, *, title: str, author: str = ""):
        self.title = title
        self.author = author
        self.story: list = []

    def _style(self, text: str, *, size: float = 10, bold: bool = False, align: int = 0) -> ParagraphStyle:
        font = CJK_FONT if _needs_cjk(text) else (LATIN_BOLD if bold else LATIN_FONT)
        return ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.35, alignment=align)

    def _para(self, text, **style) -> Paragraph:
        text = "" if text is None else str(text)
        return Paragraph(escape(text).replace("\n", "<br/>"), self._style(text, **style))

    def heading(self, text: str, *, size: float = 16) -> None:
        self.story += [self._para(text, size=size, bold=True), Spacer(1, 4 * mm)]

    def paragraph(self, text: str, *, size: float = 10) -> None:
        self.story += [self._para(text, size=size), Spacer(1, 2 * mm)]

    def key_values(self, pairs: list[tuple[str, str]]) -> None:
        rows = [[self._para(k, bold=True), self._para(v)] for k, v in pairs]
        table = Table(rows, colWidths=[45 * mm, None], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        self.story += [table, Spacer(1, 4 * mm)]

    def table(self, header: list[str], rows: list[list], *, widths: list | None = None,
              numeric_columns: tuple[int, ...] = ()) -> None:
        """A ruled table; `numeric_columns` are right-aligned (amounts, quantities)."""

        def cell(value, column, bold=False):
            return self._para(value, bold=bold, align=2 if column in numeric_columns else 0)

        data = [[cell(h, i, bold=True) for i, h in enumerate(header)]]
        data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        self.story += [table, Spacer(1, 4 * mm)]

    def render(self) -> bytes:
        buffer = BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, title=self.title, author=self.author,
                                leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
        doc.build(self.story)
        return buffer.getvalue()
