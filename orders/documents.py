"""The quote a dealer sends, as a PDF, in the reader's language."""

from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from core.pdf import PdfDocument
from orders.models import Quote


def _amount(value, currency: str) -> str:
    return f"{currency} {value:,.2f}"


def quote_pdf(quote: Quote, *, language: str = "en") -> bytes:
    with translation.override(language):
        doc = PdfDocument(title=_("Quote %(ref)s") % {"ref": quote.reference}, author=quote.dealer.name)
        doc.heading(_("Quote %(ref)s") % {"ref": quote.reference})
        doc.key_values([
            (_("Dealer"), f"{quote.dealer.name}\n{quote.dealer.address} {quote.dealer.postal_code}\n"
                          f"{quote.dealer.phone} {quote.dealer.email}"),
            (_("Customer"), "\n".join(filter(None, [quote.customer.name, quote.customer.email,
                                                    str(quote.customer.phone or "")]))),
            (_("Date"), date_format(quote.sent_at or quote.created_at, "DATE_FORMAT")),
            (_("Valid until"), date_format(quote.valid_until, "DATE_FORMAT")),
            (_("Version"), str(quote.version)),
        ])
        rows = []
        for line in quote.lines.select_related("model"):
            options = ", ".join(o["name"] for o in line.options)
            rows.append([f"{line.model.name}" + (f"\n{options}" if options else ""), str(line.quantity),
                         f"{line.unit_price + line.options_price:,.2f}", f"{line.discount:,.2f}", f"{line.tax:,.2f}",
                         f"{line.total:,.2f}"])
        money = f" ({quote.currency})"
        doc.table([_("Model and options"), _("Qty"), _("Unit price") + money, _("Discount"), _("Tax"),
                   _("Line total") + money], rows, numeric_columns=(1, 2, 3, 4, 5),
                  widths=[w * mm for w in (60, 12, 28, 24, 22, 28)])
        doc.key_values([
            (_("Subtotal"), _amount(quote.subtotal, quote.currency)),
            (_("Discount (%(p)s %%)") % {"p": quote.discount_percent}, _amount(quote.discount_total, quote.currency)),
            (_("Tax (%(r)s %%)") % {"r": (quote.tax_rate * 100).quantize(Decimal("0.01"))},
             _amount(quote.tax_total, quote.currency)),
            (_("Total"), _amount(quote.total, quote.currency)),
        ])
        if quote.note:
            doc.paragraph(quote.note)
        return doc.render()
