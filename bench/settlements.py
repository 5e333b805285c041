"""Benchmark: a monthly settlement run for a large network, against a floor measured in the same run.

    make bench            # or: DATABASE_URL=postgres://... .venv/bin/python bench/settlements.py

Needs PostgreSQL (DATABASE_URL). It creates its own scratch database beside the configured one,
fills it with DEALERS dealers, ORDERS delivered retail orders and CLAIMS approved warranty claims in
one month (set-based SQL, a few seconds), then measures:

- the floor: every commission line computed by one hand-written INSERT ... SELECT ... GROUP BY;
- the real run (settlements.services.runs.settlement_run): seconds, SQL queries, peak Python memory;

and prints the ratio of the two. The same run at half the size shows whether queries and memory
grow with the number of orders. Prints figures; asserts nothing.
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PERIOD = "2026-10"
SIZES = [(1000, 50_000, 25_000), (2000, 100_000, 50_000)]  # dealers, orders, claims


def fill(dealers: int, orders: int, claims: int) -> None:
    """Set-based test data: generate_series, not Python loops."""
    from dealers.models import Customer, Region
    from settlements.models import CommissionRule
    from tests.vehicles.factories import ProductModelFactory
    from vehicles.models import ProductLine

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE settlements_settlementline, settlements_statement, vehicles_warrantyclaim, "
                       "vehicles_repairorder, orders_orderline, orders_order, vehicles_unit, dealers_dealer, "
                       "dealers_customer CASCADE")
    region, _ = Region.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    line, _ = ProductLine.objects.get_or_create(code="bench-line", defaults={"name": "Bench line"})
    model = ProductModelFactory(product_line=line, code=f"bench-{dealers}")
    customer = Customer.objects.create(name="Bench customer", email="bench@example.com")
    CommissionRule.objects.get_or_create(percent=2, valid_from="2026-01-01")
    CommissionRule.objects.get_or_create(tier="gold", product_line=line, percent=3, valid_from="2026-01-01")
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO dealers_dealer (code, name, region_id, tier, latitude, longitude, address, postal_code,
                country, phone, email, has_sales, has_service, weekly_lead_capacity, territory, active,
                created_at, updated_at)
            SELECT 'b' || i, 'Bench dealer ' || i, %s, (ARRAY['platinum','gold','silver','bronze'])[1 + i %% 4],
                   31, 121, '', '200000', 'CN', '', '', true, true,
                   20, '', true, now(), now()
            FROM generate_series(1, %s) AS i""", [region.pk, dealers])
        cursor.execute("SELECT min(id) FROM dealers_dealer")
        first = cursor.fetchone()[0]
        cursor.execute("""
            INSERT INTO orders_order (kind, dealer_id, customer_id, status, currency, tax_rate, subtotal,
                discount_total, tax_total, total, cancel_reason, delivered_at, created_at, updated_at)
            SELECT 'retail', %s + i %% %s, %s, 'delivered', 'CNY', 0.13, 100000 + i, i %% 1000, 0, 0, '',
                   timestamp with time zone '2026-10-01 08:00+08' + (i %% 2592000) * interval '1 second',
                   now(), now()
            FROM generate_series(1, %s) AS i""", [first, dealers, customer.pk, orders])
        cursor.execute("""
            INSERT INTO orders_orderline (order_id, model_id, options, quantity, unit_price, options_price, gross,
                discount, tax, total, is_live)
            SELECT o.id, %s, '[]', 1, o.subtotal, 0, o.subtotal, o.discount_total, 0, o.subtotal, true
            FROM orders_order o""", [model.pk])
        cursor.execute("""
            INSERT INTO vehicles_unit (serial, kind, model_id, make, description, status, dealer_id, created_at,
                updated_at)
            SELECT 'BENCH-' || i, 'equipment', %s, '', '', 'sold', %s + i %% %s, now(), now()
            FROM generate_series(1, %s) AS i""", [model.pk, first, dealers, claims])
        cursor.execute("""
            INSERT INTO vehicles_repairorder (unit_id, dealer_id, complaint, failure_date, odometer_or_hours, status,
                currency, total, created_at, updated_at)
            SELECT u.id, u.dealer_id, 'bench', '2026-09-01', 1, 'closed', 'CNY', 1000, now(), now()
            FROM vehicles_unit u WHERE u.serial LIKE 'BENCH-%%'""")
        cursor.execute("""
            INSERT INTO vehicles_warrantyclaim (repair_order_id, dealer_id, unit_id, status, currency,
                amount_claimed, amount_approved, decision_reason, decided_at, created_at, updated_at)
            SELECT r.id, r.dealer_id, r.unit_id, 'approved', 'CNY', 1000, 900, '',
                   timestamp with time zone '2026-10-15 10:00+08', now(), now()
            FROM vehicles_repairorder r""")
        cursor.execute("ANALYZE")


def floor_seconds() -> float:
    """Commission lines for the month in one statement: the fastest the database can do it."""
    sql = """
        INSERT INTO settlements_settlementline (statement_id, dealer_id, period, kind, amount, currency,
            source_key, source_id, description, created_at)
        SELECT s.id, o.dealer_id, %s, 'commission', round(sum(l.gross - l.discount) * 0.02, 2), o.currency,
               'orders.order:' || o.id, o.id, 'Commission', now()
        FROM orders_order o JOIN orders_orderline l ON l.order_id = o.id
             JOIN settlements_statement s ON s.dealer_id = o.dealer_id AND s.period = %s
        WHERE o.kind = 'retail' AND o.status = 'delivered'
          AND o.delivered_at < timestamp with time zone '2026-11-01 00:00+08'
        GROUP BY s.id, o.dealer_id, o.currency, o.id"""
    with connection.cursor() as cursor:
        cursor.execute("""INSERT INTO settlements_statement (dealer_id, period, currency, status, total,
                          created_at, updated_at) SELECT id, %s, 'CNY', 'draft', 0, now(), now() FROM dealers_dealer""",
                       [PERIOD])
        started = time.perf_counter()
        cursor.execute(sql, [PERIOD, PERIOD])
        elapsed = time.perf_counter() - started
        cursor.execute("TRUNCATE settlements_settlementline, settlements_statement CASCADE")
    return elapsed


def measure_run() -> dict:
    """Time and queries in one run; peak Python memory in a second run over the same data (memory
    tracing slows Python down, so it is kept out of the timed run)."""
    from settlements.services.runs import settlement_run

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = settlement_run(by=None, period=PERIOD)
        elapsed = time.perf_counter() - started
    undo_run()
    tracemalloc.start()
    settlement_run(by=None, period=PERIOD)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": elapsed, "queries": len(queries), "peak_mib": peak / 2**20, "result": result}


def undo_run() -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE settlements_settlementline, settlements_statement, vehicles_warrantyclaimevent "
                       "CASCADE")
        cursor.execute("DELETE FROM vehicles_unitevent WHERE kind = 'claim'")
        cursor.execute("UPDATE vehicles_warrantyclaim SET status = 'approved'")


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    from settlements.services import runs

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    print(f"scratch database {name}; dealer batch {runs.DEALER_BATCH}")
    try:
        for dealers, orders, claims in SIZES:
            started = time.perf_counter()
            fill(dealers, orders, claims)
            print(f"\n{dealers:,} dealers, {orders:,} delivered orders, {claims:,} approved claims "
                  f"(filled in {time.perf_counter() - started:.1f} s)")
            floor = floor_seconds()
            run = measure_run()
            lines = run["result"]["lines"]
            print(f"  floor  (INSERT ... SELECT ... GROUP BY, commission only): {floor:7.2f} s")
            print(f"  run    (commission, warranty, chargebacks, incentives, statements): "
                  f"{run['seconds']:7.2f} s, {run['queries']} queries, peak {run['peak_mib']:.1f} MiB")
            print(f"  lines  {lines}")
            print(f"  ratio  run / floor = {run['seconds'] / floor:.2f}  (target: at most 3)")
            print(f"  queries per dealer batch = {run['queries'] / -(-dealers // runs.DEALER_BATCH):.1f}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
