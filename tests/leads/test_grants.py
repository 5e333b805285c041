"""visible_to(user) and the guardian grants agree, for every user of a seeded network."""

import random

from dealers.choices import DealerRole
from dealers.models import User
from leads.models import Lead
from leads.services import lead_assign, lead_delegate, lead_reject, route_leads
from tests.dealers.factories import DealerFactory, staff
from tests.leads.conftest import make_dealer
from tests.leads.factories import LeadFactory


def test_visibility_and_grants_agree_for_every_user(policy, trucks, van, hq_ops):
    rng = random.Random(7)
    mains = [make_dealer(f"m{i}", 31.2 + i / 20, 121.4, trucks) for i in range(3)]
    sub = make_dealer("sub", 31.3, 121.5, trucks, parent=mains[0])
    dealers = [*mains, sub]
    people = {d.pk: {role: staff(d, role) for role in DealerRole.values} for d in dealers}
    extra_sellers = {d.pk: staff(d, DealerRole.SALES) for d in dealers}
    leads = LeadFactory.create_batch(40, model=van, latitude=31.25, longitude=121.45)
    route_leads(by=hq_ops, lead_ids=[lead.pk for lead in leads])
    # Move things around the way a working day does.
    for lead in rng.sample(leads, 6):
        lead_assign(by=hq_ops, lead=lead, dealer=rng.choice(dealers))
    for lead in Lead.objects.filter(status="assigned")[:10]:
        lead_delegate(by=people[lead.dealer_id][DealerRole.PRINCIPAL], lead=lead, user=extra_sellers[lead.dealer_id])
    for lead in Lead.objects.filter(status="assigned", assigned_to__isnull=True)[:5]:
        lead_reject(by=people[lead.dealer_id][DealerRole.SALES_MANAGER], lead=lead, reason="busy")
    DealerFactory(code="idle")  # a dealer with no leads at all

    users = User.objects.filter(membership__isnull=False)
    all_leads = list(Lead.objects.all())
    checked = 0
    for user in users:
        user = User.objects.get(pk=user.pk)
        visible = set(Lead.objects.visible_to(user).values_list("pk", flat=True))
        granted = {lead.pk for lead in all_leads if user.has_perm("leads.view_lead", lead)}
        assert visible == granted, (user.username, visible ^ granted)
        checked += 1
    assert checked == len(dealers) * (len(DealerRole.values) + 1)
    # the sub-dealer's leads are seen by the main dealer's desk, not the other way round
    sub_lead = Lead.objects.filter(dealer=sub).first() or lead_assign(by=hq_ops, lead=leads[0], dealer=sub)
    main_principal = User.objects.get(pk=people[mains[0].pk][DealerRole.PRINCIPAL].pk)
    assert Lead.objects.visible_to(main_principal).filter(pk=sub_lead.pk).exists()
