"""How other apps tell `Customer.objects.visible_to` which customers a dealer reaches.

Leads, quotes, orders and units point at customers, but dealers must not import those apps
(DESIGN.md section 2). Each app registers, in its AppConfig.ready(), a function that maps a list of
dealer ids to a queryset of customer ids; visibility is the union of those and the customers the
dealers created.
"""

from collections.abc import Callable, Iterable

CustomerSource = Callable[[list[int]], Iterable]

_sources: list[CustomerSource] = []


def register_customer_source(source: CustomerSource) -> CustomerSource:
    if source not in _sources:
        _sources.append(source)
    return source


def customer_ids_reached_by(dealer_ids: list[int]) -> list:
    return [source(dealer_ids) for source in _sources]
