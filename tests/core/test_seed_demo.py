from django.core.management import call_command

from dealers.choices import DealerRole, HQRole, Tier
from dealers.models import Dealer, Membership, Region, User
from leads.choices import LeadStatus
from leads.models import Lead, RoutingPolicy
from orders.choices import OrderStatus, QuoteStatus
from orders.models import Order, Quote
from settlements.models import SettlementLine, Statement
from vehicles.choices import ClaimStatus, RepairStatus, UnitStatus
from vehicles.models import ProductModel, RepairOrder, Unit, WarrantyClaim
from vehicles.vin import validate_vin


def test_seed_demo_builds_a_believable_network_and_is_idempotent(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    counts = (Region.objects.count(), Dealer.objects.count(), User.objects.count(), ProductModel.objects.count())
    assert counts[0] >= 3
    assert counts[1] >= 30
    assert set(Dealer.objects.values_list("tier", flat=True)) == set(Tier.values)
    assert Dealer.objects.filter(parent__isnull=False).count() >= 3
    assert Dealer.objects.filter(active=False).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == set(DealerRole.values)
    assert set(User.objects.exclude(hq_role="").values_list("hq_role", flat=True)) == set(HQRole.values) - {"hq_admin"}
    assert User.objects.get(username="admin").role_at_hq == HQRole.ADMIN
    assert "sh01.principal" in out
    assert "demo-pass-2026" in out
    # every dealer sits in the region its postal code belongs to
    for dealer in Dealer.objects.select_related("region"):
        assert dealer.region.areas.filter(postal_prefix=dealer.postal_code[:2]).exists(), dealer.code

    # the fleet: thousands of units in every state, valid VINs, service history
    assert Unit.objects.count() >= 2000
    assert set(Unit.objects.values_list("status", flat=True)) == set(UnitStatus.values)
    assert all(validate_vin(s) == s for s in Unit.objects.filter(kind="vehicle").values_list("serial", flat=True))
    assert Unit.objects.filter(kind="component", parent__isnull=False).exists()
    assert set(RepairOrder.objects.values_list("status", flat=True)) == set(RepairStatus.values)
    assert set(WarrantyClaim.objects.values_list("status", flat=True)) >= {
        ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.REJECTED, ClaimStatus.SETTLED}
    assert Unit.objects.filter(owner__account__username="customer.zhang").count() >= 2

    # leads in every state, routed with consistent grants
    assert set(Lead.objects.values_list("status", flat=True)) == set(LeadStatus.values)
    assert RoutingPolicy.objects.filter(active=True).count() == 1
    manager = User.objects.get(username="sh01.salesmgr")
    sample = Lead.objects.filter(dealer__code="sh01")[:20]
    assert sample
    assert all(manager.has_perm("leads.view_lead", lead) for lead in sample)

    # quotes and orders in every state, through the real services
    assert set(Quote.objects.values_list("status", flat=True)) == set(QuoteStatus.values)
    assert set(Order.objects.values_list("status", flat=True)) == set(OrderStatus.values)
    assert Order.objects.filter(kind="stock").exists()
    delivered = Order.objects.filter(status="delivered", kind="retail").first()
    assert delivered.lines.first().unit.owner == delivered.customer
    assert "/track/" in out

    # months of settlements: paid, approved and open statements
    assert set(Statement.objects.values_list("status", flat=True)) == {"draft", "approved", "paid"}
    assert SettlementLine.objects.filter(kind="commission").exists()
    assert SettlementLine.objects.filter(kind="warranty").exists()

    call_command("seed_demo")
    again = (Region.objects.count(), Dealer.objects.count(), User.objects.count(), ProductModel.objects.count())
    assert again == counts
    assert User.objects.get(username="sh01.sales1").check_password("demo-pass-2026")
