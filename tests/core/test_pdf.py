from io import BytesIO

from pypdf import PdfReader

from core.pdf import PdfDocument


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_a_document_with_latin_and_chinese_text_renders_both():
    doc = PdfDocument(title="Quote Q-1001")
    doc.heading("Quote Q-1001")
    doc.key_values([("Customer", "张伟"), ("Dealer", "Shanghai Hengtong Tianlong Motors")])
    doc.table(["Model", "Qty", "Amount"], [["L300 panel van", "2", "¥336,000.00"], ["厢式货车", "1", "¥1.00"]],
              numeric_columns=(1, 2))
    pdf = doc.render()
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    for expected in ("Quote Q-1001", "Shanghai Hengtong Tianlong Motors", "L300 panel van", "336,000.00", "张伟",
                     "厢式货车"):
        assert expected in text
    assert PdfReader(BytesIO(pdf)).metadata.title == "Quote Q-1001"
