"""Visibility shared across apps: which customers a dealer reaches, and the common dealer-row rule.

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


def dealer_rows(queryset, user, roles, *, dealer_field: str = "dealer_id", customer_field: str | None = None):
    """The common shape of `visible_to`: HQ sees every row; dealer staff holding one of `roles` the
    rows of their dealers (their own and its sub-dealers); a customer with an account their own rows
    when `customer_field` names the path to the customer; anyone else nothing."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_hq:
        return queryset
    membership = user.dealer_membership
    if membership is not None:
        if membership.role not in roles:
            return queryset.none()
        return queryset.filter(**{f"{dealer_field}__in": user.dealer_ids})
    if customer_field:
        return queryset.filter(**{f"{customer_field}__account": user})
    return queryset.none()
