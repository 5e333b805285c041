"""INSERT ... SELECT from a queryset: set-based writes that never pull rows into Python.

The SELECT is built with the ORM (so it runs on SQLite and PostgreSQL alike); `columns` name the
target model's fields in the order of the queryset's `values_list`. Rows that collide with a
unique constraint are skipped (INSERT OR IGNORE / ON CONFLICT DO NOTHING). Returns the number of
rows inserted.
"""

from django.db import connections, models
from django.db.models.constants import OnConflict


def insert_from(model: type[models.Model], columns: list[str], queryset, *, using: str = "default") -> int:
    connection = connections[using]
    ops = connection.ops
    select_sql, params = queryset.query.get_compiler(using=using).as_sql()
    target = ", ".join(ops.quote_name(model._meta.get_field(name).column) for name in columns)
    fields = [model._meta.get_field(name) for name in columns]
    suffix = ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    # SQLite needs a WHERE in the SELECT of an upsert; the querysets here always filter.
    sql = (f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(model._meta.db_table)} "
           f"({target}) {select_sql} {suffix}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def cents_to_money(cents, output_field):
    """Whole cents (an integer expression) as an amount. PostgreSQL divides a numeric exactly; SQLite
    keeps every decimal column as a REAL anyway, and dividing the exact integer by 100.0 gives the
    same two-place value Django reads back."""
    from django.db import connection
    from django.db.models import Value
    from django.db.models.functions import Cast

    if connection.vendor == "sqlite":
        return Cast(cents / Value(100.0), output_field)
    return Cast(cents, output_field) / Value(100)
