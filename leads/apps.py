from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        from dealers.reach import register_customer_source
        from leads.models import Lead

        def customers_of_leads(dealer_ids):
            return Lead.objects.filter(dealer_id__in=dealer_ids).values("customer_id")

        register_customer_source(customers_of_leads)
