"""Guardian grants on leads, written in bulk by the same services that set `lead.dealer` and
`lead.assigned_to` (the indexed columns `Lead.objects.visible_to` reads).

- A lead with a dealer: that dealer's sales group (its lead desk) may view and change it, and so
  may the main dealer's, when the dealer is a sub-dealer.
- A lead given to a salesperson: that user may view and change it.
"""

from django.contrib.auth.models import Permission

from dealers.models import Dealer
from leads.models import Lead, LeadGroupObjectPermission, LeadUserObjectPermission

CODENAMES = ("view_lead", "change_lead")


def _permission_ids() -> tuple[int, ...]:
    return tuple(Permission.objects.filter(content_type__app_label="leads", codename__in=CODENAMES)
                 .values_list("pk", flat=True))


def desk_groups(dealer_ids) -> dict[int, list[int]]:
    """The groups that receive a dealer's leads, for many dealers in one query."""
    rows = Dealer.objects.filter(pk__in=set(dealer_ids)).values_list("pk", "sales_group_id", "parent__sales_group_id")
    return {pk: [g for g in (own, parent) if g] for pk, own, parent in rows}


def revoke(lead_ids) -> None:
    """Take every grant on these leads away (before granting the new holder's)."""
    LeadGroupObjectPermission.objects.filter(content_object_id__in=lead_ids).delete()
    LeadUserObjectPermission.objects.filter(content_object_id__in=lead_ids).delete()


def grant(leads: list[Lead]) -> None:
    """Grant each lead to its dealer's desk (and to its salesperson, if it has one)."""
    groups = desk_groups(lead.dealer_id for lead in leads if lead.dealer_id)
    permission_ids = _permission_ids()
    LeadGroupObjectPermission.objects.bulk_create(
        [LeadGroupObjectPermission(content_object_id=lead.pk, group_id=group_id, permission_id=permission_id)
         for lead in leads if lead.dealer_id
         for group_id in groups.get(lead.dealer_id, [])
         for permission_id in permission_ids],
        batch_size=2000, ignore_conflicts=True,
    )
    LeadUserObjectPermission.objects.bulk_create(
        [LeadUserObjectPermission(content_object_id=lead.pk, user_id=lead.assigned_to_id, permission_id=permission_id)
         for lead in leads if lead.assigned_to_id
         for permission_id in permission_ids],
        batch_size=2000, ignore_conflicts=True,
    )


def regrant(leads: list[Lead]) -> None:
    revoke([lead.pk for lead in leads])
    grant(leads)
