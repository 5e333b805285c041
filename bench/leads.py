"""Benchmark: a dealer's lead inbox with a million leads, against guardian's own listing.

    make bench            # or: DATABASE_URL=postgres://... .venv/bin/python bench/leads.py

Needs PostgreSQL. Fills a scratch database with DEALERS dealers, LEADS leads and their guardian
grants (two per lead to the dealer's desk group, plus a salesperson's grants on a tenth of them),
then times, for one sales manager and one salesperson:

- the inbox page of 50 leads and its total count through `Lead.objects.visible_to(user)`
  (indexed columns written by the same services that write the grants);
- the same through guardian's `get_objects_for_user` (the OR over permission tables).

Prints figures and ratios; asserts nothing.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

DEALERS, LEADS = 2000, 1_000_000


def fill() -> tuple:
    from django.contrib.auth.models import Permission

    from dealers.choices import DealerRole
    from dealers.models import Customer, Region
    from leads.models import Lead
    from tests.dealers.factories import DealerFactory, staff
    from tests.vehicles.factories import ProductModelFactory

    region, _ = Region.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    model = ProductModelFactory()
    customer = Customer.objects.create(name="Bench", email="bench@example.com")
    dealers = [DealerFactory(code=f"b{i}", region=region) for i in range(DEALERS)]
    dealer = dealers[len(dealers) // 2]
    manager = staff(dealer, DealerRole.SALES_MANAGER)
    seller = staff(dealer, DealerRole.SALES)
    view, change = (Permission.objects.get(codename=c, content_type__app_label="leads").pk
                    for c in ("view_lead", "change_lead"))
    first = dealers[0].pk
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO leads_lead (reference, customer_id, model_id, source, status, dealer_id, assigned_to_id,
                postal_code, country, message, lost_reason, unroutable, created_at, updated_at, assigned_at)
            SELECT 'B' || i, %s, %s, 'web', 'accepted', %s + i %% %s,
                   CASE WHEN i %% %s = %s AND i %% 10 = 0 THEN %s END,
                   '200000', 'CN', '', '', false, now() - (i || ' seconds')::interval, now(), now()
            FROM generate_series(1, %s) AS i""",
                       [customer.pk, model.pk, first, DEALERS, DEALERS, dealer.pk - first, seller.pk, LEADS])
        cursor.execute("""
            INSERT INTO leads_leadgroupobjectpermission (content_object_id, group_id, permission_id)
            SELECT l.id, d.sales_group_id, p.id FROM leads_lead l JOIN dealers_dealer d ON d.id = l.dealer_id
            CROSS JOIN (VALUES (%s), (%s)) AS p(id)""", [view, change])
        cursor.execute("""
            INSERT INTO leads_leaduserobjectpermission (content_object_id, user_id, permission_id)
            SELECT l.id, l.assigned_to_id, p.id FROM leads_lead l CROSS JOIN (VALUES (%s), (%s)) AS p(id)
            WHERE l.assigned_to_id IS NOT NULL""", [view, change])
        cursor.execute("ANALYZE")
        cursor.execute("SELECT (SELECT count(*) FROM leads_leadgroupobjectpermission) + "
                       "(SELECT count(*) FROM leads_leaduserobjectpermission)")
        grants = cursor.fetchone()[0]
    return Lead, manager, seller, grants


def timed(call, repeat: int = 7) -> float:
    """The median of `repeat` runs, in milliseconds (the first run warms the caches and is dropped)."""
    call()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    from guardian.shortcuts import get_objects_for_user

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        lead_model, manager, seller, grants = fill()
        print(f"{DEALERS:,} dealers, {LEADS:,} leads, {grants:,} permission rows "
              f"(filled in {time.perf_counter() - started:.0f} s)")
        for who, user in (("sales manager", manager), ("salesperson", seller)):
            ours = lead_model.objects.visible_to(user).order_by("-created_at", "-id")
            guardian = get_objects_for_user(user, "leads.view_lead", klass=lead_model,
                                             accept_global_perms=False).order_by("-created_at", "-id")
            page_ours, page_guardian = timed(lambda q=ours: list(q[:50])), timed(lambda q=guardian: list(q[:50]))
            count_ours, count_guardian = timed(lambda q=ours: q.count()), timed(lambda q=guardian: q.count())
            same = [r.pk for r in ours[:50]] == [r.pk for r in guardian[:50]]
            print(f"  {who}: page of 50  visible_to {page_ours:7.1f} ms   guardian {page_guardian:7.1f} ms   "
                  f"(x{page_guardian / page_ours:.0f})")
            print(f"  {who}: total count visible_to {count_ours:7.1f} ms   guardian {count_guardian:7.1f} ms   "
                  f"(x{count_guardian / count_ours:.0f}); same rows: {'yes' if same else 'NO'}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
