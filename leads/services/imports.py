"""Lead lists from spreadsheets: every row checked first, then all rows or none.

Set-based so that 10,000 rows take seconds: the catalogue, the matching customers and their open
leads are loaded in a few queries, and customers, leads and events are inserted in bulk.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.customers import normalise_email, normalise_phone
from dealers.models import Customer, RegionArea
from dealers.roles import require_hq
from leads.choices import OPEN_STATUSES, LeadEventKind, LeadSource, LeadStatus
from leads.models import Lead, LeadEvent
from leads.services.capture import MERGE_WINDOW
from vehicles.models import ProductModel

COLUMNS = ["first_name", "last_name", "company", "email", "phone", "postal_code", "country", "latitude",
           "longitude", "model", "source", "message", "consent"]
REQUIRED = {"model", "consent"}
MAX_ROWS = 50_000
IN_BATCH = 900  # stay under SQLite's limit on query parameters


class ImportRejected(ValidationError):
    """The file has errors; nothing was imported. `rows` lists each as {line, field, message}."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        super().__init__(_("%(n)s rows have errors; nothing was imported.") % {"n": len({r["line"] for r in rows})})


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    merged: int = 0

    def as_dict(self) -> dict:
        return {"created": len(self.created), "merged": self.merged}


def _read(content: bytes) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected([{"line": 1, "field": "file", "message": _("Save the file as UTF-8 CSV.")}]) from exc
    reader = csv.DictReader(io.StringIO(text))
    headers = {(h or "").strip().lower() for h in reader.fieldnames or []}
    missing = sorted(REQUIRED - headers) + ([] if headers & {"email", "phone"} else ["email"])
    if missing:
        raise ImportRejected([{"line": 1, "field": name, "message": _("Missing column.")} for name in missing])
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    if len(rows) > MAX_ROWS:
        raise ImportRejected([{"line": 1, "field": "file",
                               "message": _("At most %(n)s rows per file.") % {"n": MAX_ROWS}}])
    return rows


def _decimal(value: str, low: int, high: int) -> Decimal | None:
    if not value:
        return None
    number = Decimal(value)
    if not low <= number <= high:
        raise InvalidOperation
    return number


def _check(rows: list[dict]) -> list[dict]:
    models = {m.code: m for m in ProductModel.objects.filter(active=True)}
    errors, clean = [], []
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        def error(name, message, line=line):
            errors.append({"line": line, "field": name, "message": str(message)})

        country = (row.get("country") or "CN").upper()
        item = {"line": line, "country": country, "postal_code": row.get("postal_code", ""),
                "message": row.get("message", ""), "company": row.get("company", ""),
                "name": f"{row.get('first_name', '')} {row.get('last_name', '')}".strip()}
        for name, normalise in (("email", normalise_email), ("phone", lambda v, c=country: normalise_phone(v, c))):
            try:
                item[name] = normalise(row.get(name, ""))
            except ValidationError as exc:
                error(name, exc.message_dict[name][0])
        if not row.get("email") and not row.get("phone"):
            error("email", _("Give an email address or a phone number."))
        if not item["name"] and not item["company"]:
            error("last_name", _("Give a name or a company."))
        item["model"] = models.get(row.get("model", ""))
        if item["model"] is None:
            error("model", _("Unknown or inactive model code %(code)s.") % {"code": row.get("model") or "-"})
        source = row.get("source") or LeadSource.IMPORT
        if source not in LeadSource.values:
            error("source", _("Choose one of: %s.") % ", ".join(LeadSource.values))
        item["source"] = source
        if row.get("consent", "").lower() not in ("yes", "y", "true", "1"):
            error("consent", _("The person must have agreed to be contacted (yes)."))
        for name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
            try:
                item[name] = _decimal(row.get(name, ""), low, high)
            except InvalidOperation:
                error(name, _("Enter a number between %(low)s and %(high)s.") % {"low": low, "high": high})
        clean.append(item)
    if errors:
        raise ImportRejected(errors)
    return clean


def _chunks(values: list, size: int = IN_BATCH):
    for start in range(0, len(values), size):
        yield values[start:start + size]


@transaction.atomic
def import_leads(*, by, content: bytes) -> ImportResult:
    require_hq(by, "hq_admin", "hq_ops")
    rows = _check(_read(content))
    now = timezone.now()
    customers = _customers_for(rows, by)
    open_leads: dict[tuple[int, int], Lead] = {}
    customer_ids = list({c.pk for c in customers.values()})
    for ids in _chunks(customer_ids):
        for lead in Lead.objects.filter(customer_id__in=ids, status__in=OPEN_STATUSES,
                                        created_at__gte=now - MERGE_WINDOW).order_by("created_at"):
            open_leads[(lead.customer_id, lead.model_id)] = lead
    result, new_leads, merged_events = ImportResult(), [], []
    for row in rows:
        customer = customers[row["line"]]
        key = (customer.pk, row["model"].pk)
        if key in open_leads:  # a repeat of an open lead, in the database or earlier in this file
            existing = open_leads[key]
            merged_events.append((existing, row))
            result.merged += 1
            continue
        lead = Lead(customer=customer, model=row["model"], source=row["source"], postal_code=row["postal_code"],
                    country=row["country"], latitude=row["latitude"], longitude=row["longitude"],
                    message=row["message"], consent_at=now, created_by=by)
        open_leads[key] = lead
        new_leads.append(lead)
    Lead.objects.bulk_create(new_leads, batch_size=1000)
    events = [LeadEvent(lead=lead, actor=by, to_status=LeadStatus.NEW, at=now,
                        reason=_("Imported from a lead list.")) for lead in new_leads]
    events += [LeadEvent(lead=lead, actor=by, kind=LeadEventKind.MERGED, from_status=lead.status or LeadStatus.NEW,
                         to_status=lead.status or LeadStatus.NEW, at=now,
                         reason=_("Repeated in an imported list (line %(line)s): %(message)s")
                         % {"line": row["line"], "message": row["message"][:300] or "-"})
               for lead, row in merged_events]
    LeadEvent.objects.bulk_create(events, batch_size=2000)
    result.created = [lead.pk for lead in new_leads]
    return result


def _customers_for(rows: list[dict], by) -> dict[int, Customer]:
    """The customer of each row (by line): found by email or phone, else created, once per person."""
    emails = sorted({r["email"] for r in rows if r["email"]})
    phones = sorted({r["phone"] for r in rows if r["phone"]})
    by_email, by_phone = {}, {}
    for chunk in _chunks(emails):
        by_email.update({c.email: c for c in Customer.objects.filter(email__in=chunk).order_by("-pk")})
    for chunk in _chunks(phones):
        by_phone.update({str(c.phone): c for c in Customer.objects.filter(phone__in=chunk).order_by("-pk")})
    regions: dict[tuple[str, str], object] = {}
    found, new = {}, []
    for row in rows:
        customer = by_email.get(row["email"]) or by_phone.get(row["phone"])
        if customer is None:
            key = (row["country"], row["postal_code"][:2])
            if key not in regions:
                regions[key] = RegionArea.objects.region_for(row["country"], row["postal_code"])
            customer = Customer(kind="company" if row["company"] else "person",
                                name=row["company"] or row["name"], email=row["email"], phone=row["phone"],
                                postal_code=row["postal_code"], country=row["country"], region=regions[key],
                                latitude=row["latitude"], longitude=row["longitude"], created_by=by)
            new.append(customer)
            if row["email"]:
                by_email[row["email"]] = customer
            if row["phone"]:
                by_phone[row["phone"]] = customer
        found[row["line"]] = customer
    Customer.objects.bulk_create(new, batch_size=1000)
    return found
