"""Emails about leads: to a dealer's lead desk when leads are offered, to HQ when nobody can take one."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from dealers.choices import MANAGER_ROLES
from dealers.models import Dealer, User
from leads.models import Lead


def offers(dealer_id: int, lead_ids: list[int]) -> None:
    dealer = Dealer.objects.get(pk=dealer_id)
    to = list(User.objects.filter(membership__dealer=dealer, membership__role__in=MANAGER_ROLES, is_active=True)
              .exclude(email="").values_list("email", flat=True))
    leads = list(Lead.objects.filter(pk__in=lead_ids, dealer=dealer).select_related("model", "customer"))
    if to and leads:
        _send("leads/email/offers", {"dealer": dealer, "leads": leads, "portal": settings.PORTAL_BASE_URL}, to)


def unroutable(lead_ids: list[int]) -> None:
    to = set(settings.HQ_NOTIFY_EMAILS) | set(
        User.objects.filter(hq_role__in=["hq_ops", "hq_admin"], is_active=True).exclude(email="")
        .values_list("email", flat=True))
    leads = list(Lead.objects.filter(pk__in=lead_ids, unroutable=True).select_related("model"))
    if to and leads:
        _send("leads/email/unroutable", {"leads": leads, "portal": settings.PORTAL_BASE_URL}, sorted(to))


def _send(template: str, context: dict, to: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
