from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Quotes and orders"

    def ready(self):
        from dealers.reach import register_customer_source
        from orders.models import Order, Quote

        def customers_of_quotes_and_orders(dealer_ids):
            quoted = Quote.objects.filter(dealer_id__in=dealer_ids).order_by().values("customer_id")
            ordered = Order.objects.filter(dealer_id__in=dealer_ids, customer__isnull=False).order_by().values(
                "customer_id")
            return quoted.union(ordered)

        register_customer_source(customers_of_quotes_and_orders)
