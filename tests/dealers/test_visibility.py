"""`visible_to(user)` decides every row a user may see; these pin it per role and per model."""

from dealers.choices import DealerRole
from dealers.models import Customer, Dealer, Membership
from dealers.reach import register_customer_source
from tests.dealers.factories import CustomerFactory, DealerFactory, UserFactory, staff


def test_dealer_visibility_per_kind_of_user(db, hq_analyst, dealer, other_dealer):
    sub = DealerFactory(code="sub", parent=dealer)
    assert set(Dealer.objects.visible_to(hq_analyst)) == {dealer, other_dealer, sub}
    assert set(Dealer.objects.visible_to(staff(dealer, DealerRole.SERVICE))) == {dealer, sub}
    assert set(Dealer.objects.visible_to(staff(sub, DealerRole.SALES))) == {sub}
    assert not Dealer.objects.visible_to(UserFactory()).exists()


def test_membership_lists_are_for_hq_and_principals(db, hq_ops, dealer, other_dealer):
    principal = staff(dealer, DealerRole.PRINCIPAL)
    seller = staff(dealer, DealerRole.SALES)
    far = staff(other_dealer, DealerRole.SALES)
    assert set(Membership.objects.visible_to(principal).values_list("user", flat=True)) == {principal.pk, seller.pk}
    assert not Membership.objects.visible_to(seller).exists()
    assert Membership.objects.visible_to(hq_ops).filter(user=far).exists()


def test_customers_visible_to_the_dealer_that_created_them_or_reaches_them(db, hq_ops, dealer, other_dealer):
    mine = CustomerFactory(created_by_dealer=dealer)
    theirs = CustomerFactory(created_by_dealer=other_dealer)
    reached = CustomerFactory()
    seller = staff(dealer, DealerRole.SALES)
    assert set(Customer.objects.visible_to(seller)) == {mine}
    assert set(Customer.objects.visible_to(hq_ops)) == {mine, theirs, reached}

    # Another app (leads, orders, units) says which customers a dealer reaches through its rows.
    def source(dealer_ids):
        return Customer.objects.filter(pk=reached.pk) if dealer.pk in dealer_ids else Customer.objects.none()

    register_customer_source(source)
    try:
        assert set(Customer.objects.visible_to(seller)) == {mine, reached}
    finally:
        from dealers import reach

        reach._sources.remove(source)


def test_a_customer_account_sees_only_its_own_record(db):
    account = UserFactory()
    me = CustomerFactory(account=account)
    CustomerFactory()
    assert list(Customer.objects.visible_to(account)) == [me]
