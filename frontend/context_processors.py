def portal(request):
    """What every page's navigation needs: which kind of user is looking."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"portal_kind": None}
    return {"portal_kind": portal_kind(user)}


def portal_kind(user) -> str:
    """hq, sales, service or customer: decides the home page and the navigation."""
    if user.is_hq:
        return "hq"
    membership = user.dealer_membership
    if membership is not None:
        return "service" if membership.role == "service" else "sales"
    return "customer"
