from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = "Catalogue, units and service"

    def ready(self):
        from django.db.models import Q

        from dealers.reach import register_customer_source
        from vehicles.models import Unit

        def owners_of_units(dealer_ids):
            """A dealer reaches the owners of the units it holds or sold."""
            return (Unit.objects.filter(Q(dealer_id__in=dealer_ids) | Q(selling_dealer_id__in=dealer_ids),
                                        owner__isnull=False).values("owner_id"))

        register_customer_source(owners_of_units)
