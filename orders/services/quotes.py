"""Quotes: build, price, approve, send, accept or decline, version, convert into an order."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotPermitted
from dealers.choices import SALES_ROLES
from dealers.roles import require_hq
from orders import tasks
from orders.choices import QuoteStatus
from orders.models import DiscountLimit, Quote, QuoteLine, QuoteVersion, TaxRate
from orders.pricing import price_line, sum_lines
from vehicles.models import Option

APPROVERS = ("hq_admin", "hq_ops")
DEFAULT_VALIDITY = timedelta(days=30)
EDITABLE = {QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED, QuoteStatus.SENT}


def require_dealer_sales(user, dealer_id: int) -> None:
    """Quotes and orders are worked by the dealer's sales staff (or a main dealer's, for its subs)."""
    membership = user.dealer_membership
    if not (membership and membership.role in SALES_ROLES and dealer_id in user.dealer_ids):
        raise NotPermitted(_("Only the dealer's sales staff may do this."))


def _lock(quote: Quote) -> Quote:
    return Quote.objects.select_for_update().get(pk=quote.pk)


# --- building and pricing ----------------------------------------------------------------------

def _resolve_lines(lines: list[dict]) -> list[dict]:
    """Check models and options and fill in catalogue prices where none were given."""
    if not lines:
        raise ValidationError({"lines": [_("A quote needs at least one line.")]})
    resolved, errors = [], {}
    for index, line in enumerate(lines):
        model = line["model"]
        if not model.active:
            errors[f"lines.{index}.model"] = [_("%(model)s is no longer sold.") % {"model": model.code}]
        codes = list(dict.fromkeys(line.get("options") or []))
        # A model's own option wins over a catalogue-wide one with the same code.
        available = Option.objects.filter(Q(model=model) | Q(model__isnull=True), code__in=codes, active=True)
        options = {o.code: o for o in sorted(available, key=lambda o: o.model_id is not None)}
        unknown = [c for c in codes if c not in options]
        if unknown:
            errors[f"lines.{index}.options"] = [
                _("Not available for %(model)s: %(codes)s.") % {"model": model.code, "codes": ", ".join(unknown)}
            ]
        unit_price = line.get("unit_price")
        resolved.append({
            "model": model,
            "quantity": line["quantity"],
            "unit_price": model.list_price if unit_price is None else Decimal(unit_price),
            "options": [{"code": options[c].code, "name": options[c].name, "price": str(options[c].price)}
                        for c in codes if c in options],
            "options_price": sum((options[c].price for c in codes if c in options), Decimal(0)),
        })
    currencies = {line["model"].currency for line in resolved}
    if len(currencies) > 1:
        errors["lines"] = [_("All lines of a quote must be in one currency.")]
    if errors:
        raise ValidationError(errors)
    return resolved


def _tax_rate(dealer) -> Decimal:
    rate = TaxRate.objects.rate_for(dealer.country, timezone.localdate())
    if rate is None:
        raise ValidationError(_("No tax rate is configured for %(country)s; HQ adds one first.")
                              % {"country": dealer.country})
    return rate


def _price_lines(lines: list[dict], *, discount_percent, tax_rate):
    """Each resolved line with its price: discounted and taxed, rounded on its own."""
    return [(line, price_line(quantity=line["quantity"], unit_price=line["unit_price"],
                              options_price=line["options_price"], discount_percent=discount_percent,
                              tax_rate=tax_rate, currency=line["model"].currency)) for line in lines]


def _price(quote: Quote, lines: list[dict]) -> None:
    """Write the quote's lines and totals; each line rounded on its own, totals summed."""
    quote.currency = lines[0]["model"].currency
    quote.lines.all().delete()
    priced = _price_lines(lines, discount_percent=quote.discount_percent, tax_rate=quote.tax_rate)
    QuoteLine.objects.bulk_create(
        QuoteLine(quote=quote, model=line["model"], options=line["options"], quantity=line["quantity"],
                  unit_price=line["unit_price"], options_price=line["options_price"], gross=price.gross,
                  discount=price.discount, tax=price.tax, total=price.total)
        for line, price in priced)
    totals = sum_lines([price for _line, price in priced])
    quote.subtotal, quote.discount_total = totals.subtotal, totals.discount_total
    quote.tax_total, quote.total = totals.tax_total, totals.total
    quote.save()


def quote_preview(*, by, dealer, lines: list[dict], discount_percent):
    """What quote_create would price for these lines, saving nothing (the builder's live totals).
    Returns (totals, tax rate, whether HQ must approve the discount)."""
    require_dealer_sales(by, dealer.pk)
    rate = _tax_rate(dealer)
    priced = _price_lines(_resolve_lines(lines), discount_percent=discount_percent, tax_rate=rate)
    return sum_lines([price for _line, price in priced]), rate, discount_percent > discount_limit_for(dealer)


def _current_lines(quote: Quote) -> list[dict]:
    return [{"model": line.model, "quantity": line.quantity, "unit_price": line.unit_price,
             "options": [o["code"] for o in line.options]} for line in quote.lines.select_related("model")]


@transaction.atomic
def quote_create(*, by, dealer, customer, lines: list[dict], lead=None, discount_percent=Decimal(0),
                 valid_until=None, note: str = "") -> Quote:
    require_dealer_sales(by, dealer.pk)
    if lead is not None and lead.dealer_id != dealer.pk:
        raise ValidationError({"lead": [_("This lead is not with %(dealer)s.") % {"dealer": dealer.code}]})
    if lead is not None and lead.customer_id != customer.pk:
        raise ValidationError({"customer": [_("The quote's customer must be the lead's customer.")]})
    quote = Quote(dealer=dealer, customer=customer, lead=lead, discount_percent=discount_percent, note=note,
                  valid_until=valid_until or timezone.localdate() + DEFAULT_VALIDITY, created_by=by,
                  tax_rate=_tax_rate(dealer))
    _check_validity(quote.valid_until)
    quote.save()
    _price(quote, _resolve_lines(lines))
    quote.record_event(by=by, from_status="", to_status=QuoteStatus.DRAFT, reason=_("Quote created."))
    return quote


@transaction.atomic
def quote_update(*, by, quote: Quote, lines: list[dict] | None = None, **changes) -> Quote:
    """Change a quote. A quote already sent becomes a new version (the sent one stays readable);
    an approved one needs approval again, so both go back to draft."""
    quote = _lock(quote)
    require_dealer_sales(by, quote.dealer_id)
    if quote.status not in EDITABLE:
        raise InvalidTransition(_("This quote is %(status)s, so it can no longer be changed.")
                                % {"status": quote.status})
    if "valid_until" in changes:
        _check_validity(changes["valid_until"])
    previous = quote.status
    if previous == QuoteStatus.SENT:
        quote.version += 1
    for field in ("discount_percent", "valid_until", "note"):
        if field in changes:
            setattr(quote, field, changes[field])
    quote.status = QuoteStatus.DRAFT
    quote.tax_rate = _tax_rate(quote.dealer)
    _price(quote, _resolve_lines(lines if lines is not None else _current_lines(quote)))
    reason = (_("Changed after sending: version %(v)s.") % {"v": quote.version}) if previous == QuoteStatus.SENT \
        else _("Quote changed.")
    quote.record_event(by=by, from_status=previous, to_status=QuoteStatus.DRAFT, reason=reason)
    return quote


def _check_validity(valid_until) -> None:
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": [_("A quote cannot be valid until a date in the past.")]})


# --- approval ------------------------------------------------------------------------------------

def discount_limit_for(dealer) -> Decimal:
    limit = DiscountLimit.objects.filter(tier=dealer.tier).values_list("max_percent", flat=True).first()
    return Decimal(0) if limit is None else limit


@transaction.atomic
def quote_submit(*, by, quote: Quote) -> Quote:
    """Within the tier's discount limit the quote is approved at once; above it, HQ decides."""
    quote = _lock(quote)
    require_dealer_sales(by, quote.dealer_id)
    if quote.discount_percent > discount_limit_for(quote.dealer):
        Quote.WORKFLOW.advance(quote, QuoteStatus.PENDING_APPROVAL, by=by, action=_("be submitted"),
                               reason=_("Discount %(d)s %% is above the %(tier)s limit of %(limit)s %%.") % {
                                   "d": quote.discount_percent, "tier": quote.dealer.get_tier_display(),
                                   "limit": discount_limit_for(quote.dealer)})
    else:
        Quote.WORKFLOW.advance(quote, QuoteStatus.APPROVED, by=by, action=_("be submitted"),
                               reason=_("Within the dealer's discount limit."))
    return quote


@transaction.atomic
def quote_approve(*, by, quote: Quote, reason: str = "") -> Quote:
    require_hq(by, *APPROVERS)
    quote = _lock(quote)
    if quote.status != QuoteStatus.PENDING_APPROVAL:
        raise InvalidTransition(_("This quote is %(status)s; only a quote waiting for approval can be approved.")
                                % {"status": quote.status})
    Quote.WORKFLOW.advance(quote, QuoteStatus.APPROVED, by=by, reason=reason or _("Discount approved by HQ."))
    return quote


@transaction.atomic
def quote_decline_approval(*, by, quote: Quote, reason: str) -> Quote:
    require_hq(by, *APPROVERS)
    quote = _lock(quote)
    if quote.status != QuoteStatus.PENDING_APPROVAL:
        raise InvalidTransition(_("This quote is %(status)s; only a quote waiting for approval can be declined "
                                  "by HQ.") % {"status": quote.status})
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the discount is declined.")]})
    Quote.WORKFLOW.advance(quote, QuoteStatus.DRAFT, by=by, reason=reason)
    return quote


# --- with the customer ---------------------------------------------------------------------------

@transaction.atomic
def quote_send(*, by, quote: Quote) -> Quote:
    quote = _lock(quote)
    require_dealer_sales(by, quote.dealer_id)
    if quote.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": [_("The quote's validity has passed; change the date first.")]})
    quote.sent_at = timezone.now()
    Quote.WORKFLOW.advance(quote, QuoteStatus.SENT, by=by, action=_("be sent"), extra_fields=["sent_at"])
    QuoteVersion.objects.update_or_create(quote=quote, version=quote.version,
                                          defaults={"snapshot": snapshot(quote), "created_by": by})
    if quote.lead_id:
        from leads import services as lead_services  # orders may import leads (DESIGN.md section 2)

        lead_services.lead_mark_quoted(by=by, lead=quote.lead, quote=quote)
    tasks.notify_quote_sent.delay_on_commit(quote.pk)
    return quote


def quote_accept(*, by, quote: Quote) -> Quote:
    """The dealer records the customer's yes, or the customer clicks the link (`by` is None). A
    quote past its validity is marked expired (and stays so) and the answer is a 409."""
    if _expire_if_due(quote):
        raise InvalidTransition(_("This quote expired on %(date)s.") % {"date": quote.valid_until})
    return _accept(by=by, quote=quote)


@transaction.atomic
def _expire_if_due(quote: Quote) -> bool:
    quote = _lock(quote)
    if quote.status == QuoteStatus.SENT and quote.valid_until < timezone.localdate():
        Quote.WORKFLOW.advance(quote, QuoteStatus.EXPIRED, by=None, reason=_("Valid until passed."))
        return True
    return False


@transaction.atomic
def _accept(*, by, quote: Quote) -> Quote:
    quote = _lock(quote)
    if by is not None:
        require_dealer_sales(by, quote.dealer_id)
    Quote.WORKFLOW.advance(quote, QuoteStatus.ACCEPTED, by=by, action=_("be accepted"),
                           reason="" if by else _("Accepted by the customer through the quote link."))
    return quote


@transaction.atomic
def quote_decline(*, by, quote: Quote, reason: str = "") -> Quote:
    quote = _lock(quote)
    if by is not None:
        require_dealer_sales(by, quote.dealer_id)
    Quote.WORKFLOW.advance(quote, QuoteStatus.DECLINED, by=by, action=_("be declined"), reason=reason)
    return quote


def quotes_expire_due(today=None) -> int:
    """Sent quotes past their validity become expired (the beat task runs this daily)."""
    today = today or timezone.localdate()
    count = 0
    for pk in Quote.objects.filter(status=QuoteStatus.SENT, valid_until__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            quote = Quote.objects.select_for_update().get(pk=pk)
            if quote.status == QuoteStatus.SENT and quote.valid_until < today:
                Quote.WORKFLOW.advance(quote, QuoteStatus.EXPIRED, by=None, reason=_("Valid until passed."))
                count += 1
    return count


def snapshot(quote: Quote) -> dict:
    """What the customer saw: kept with each sent version."""
    return {
        "reference": quote.reference, "version": quote.version, "currency": quote.currency,
        "discount_percent": str(quote.discount_percent), "tax_rate": str(quote.tax_rate),
        "subtotal": str(quote.subtotal), "discount_total": str(quote.discount_total),
        "tax_total": str(quote.tax_total), "total": str(quote.total), "valid_until": quote.valid_until.isoformat(),
        "lines": [{"model": line.model.code, "model_name": line.model.name, "options": line.options,
                   "quantity": line.quantity, "unit_price": str(line.unit_price), "total": str(line.total)}
                  for line in quote.lines.select_related("model")],
    }


# --- conversion -------------------------------------------------------------------------------

@transaction.atomic
def quote_convert(*, by, quote: Quote):
    """An accepted quote becomes a retail order, exactly once (a second call is a 409 conflict,
    also when two calls race: the quote row is locked and the order's quote is unique)."""
    from orders.services.orders import order_from_quote

    quote = _lock(quote)
    require_dealer_sales(by, quote.dealer_id)
    if quote.status != QuoteStatus.ACCEPTED:
        raise InvalidTransition(_("This quote is %(status)s; only an accepted quote converts into an order.")
                                % {"status": quote.status})
    if hasattr(quote, "order"):
        raise Conflict(_("This quote was already converted into order %(order)s.") % {"order": quote.order.reference},
                       code="already_converted")
    order = order_from_quote(by=by, quote=quote)
    quote.record_event(by=by, from_status=quote.status, to_status=quote.status,
                       reason=_("Converted into order %(order)s.") % {"order": order.reference})
    return order
