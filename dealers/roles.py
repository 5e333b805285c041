"""Role checks that services make before acting. They raise NotPermitted (403); visibility (404)
is decided earlier, by the models' visible_to()."""

from django.utils.translation import gettext as _

from core.errors import NotPermitted
from dealers.choices import DealerRole, HQRole

NETWORK_EDITORS = (HQRole.ADMIN, HQRole.OPS)


def require_hq(user, *roles: str) -> None:
    """The user must act at HQ, with one of `roles` when given."""
    role = user.role_at_hq
    if role is None or (roles and role not in roles):
        raise NotPermitted(_("Your role may not do this."))


def require_dealer_role(user, dealer_id: int, roles, *, or_hq: tuple[str, ...] = ()) -> None:
    """The user must hold one of `roles` at that dealer (or one of the HQ roles in `or_hq`)."""
    if or_hq and user.role_at_hq in or_hq:
        return
    if not user.has_dealer_role(dealer_id, roles):
        raise NotPermitted(_("Your role may not do this."))


def may_manage_members(user, dealer) -> bool:
    if user.role_at_hq in NETWORK_EDITORS:
        return True
    return user.has_dealer_role(dealer.pk, {DealerRole.PRINCIPAL}) or bool(
        dealer.parent_id and user.has_dealer_role(dealer.parent_id, {DealerRole.PRINCIPAL})
    )
