"""The public enquiry: no account, consent, throttling, a reference only, merging repeats."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.throttling import ScopedRateThrottle

from dealers.models import Customer
from leads.models import Lead
from tests.leads.conftest import make_dealer


def enquiry(**fields):
    return {"first_name": "Wei", "last_name": "Zhang", "email": "zhang.wei@example.com", "phone": "138 0013 8000",
            "postal_code": "200120", "country": "CN", "model": "l300-van", "message": "Fleet of 3 vans",
            "consent": True, **fields}


def test_an_enquiry_creates_a_routed_lead_and_answers_only_a_reference(api, policy, trucks, van):
    dealer = make_dealer("sh", 31.22, 121.54, trucks, postal_code="200120")
    response = api().post("/api/v1/public/enquiries/", enquiry())
    assert response.status_code == 201
    assert set(response.json()) == {"reference"}
    lead = Lead.objects.get(reference=response.json()["reference"])
    assert (lead.source, lead.status, lead.dealer, lead.model) == ("web", "assigned", dealer, van)
    assert (lead.customer.email, str(lead.customer.phone)) == ("zhang.wei@example.com", "+8613800138000")
    assert lead.consent_at is not None


def test_a_company_enquiry_is_b2b(api, van):
    api().post("/api/v1/public/enquiries/", enquiry(company="Huaxin Logistics"))
    assert Customer.objects.get().kind == "company"


def test_consent_is_required_and_bad_input_names_the_fields(api, van):
    response = api().post("/api/v1/public/enquiries/", enquiry(consent=False, email="nope", model="unknown"))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"consent", "email", "model"}
    assert not Lead.objects.exists()
    assert not Customer.objects.exists()
    response = api().post("/api/v1/public/enquiries/", enquiry(email="", phone=""))
    assert "email" in response.json()["fields"]


def test_a_repeat_within_30_days_merges_into_the_open_lead(api, van):
    first = api().post("/api/v1/public/enquiries/", enquiry()).json()["reference"]
    again = api().post("/api/v1/public/enquiries/", enquiry(email="ZHANG.WEI@example.com", phone="",
                                                            message="Still interested")).json()["reference"]
    assert again == first
    lead = Lead.objects.get()
    merged = lead.events.get(kind="merged")
    assert "Still interested" in merged.reason


def test_after_30_days_or_for_another_model_it_is_a_new_lead(api, van, time_machine):
    from tests.vehicles.factories import ProductModelFactory

    ProductModelFactory(code="h6-tractor")
    api().post("/api/v1/public/enquiries/", enquiry())
    api().post("/api/v1/public/enquiries/", enquiry(model="h6-tractor"))
    assert Lead.objects.count() == 2
    time_machine.move_to(timezone.now() + timedelta(days=31))
    api().post("/api/v1/public/enquiries/", enquiry())
    assert Lead.objects.count() == 3
    assert Customer.objects.count() == 1


def test_enquiries_are_throttled_per_client(api, van):
    limit = int(ScopedRateThrottle.THROTTLE_RATES["public"].split("/")[0])
    codes = [api().post("/api/v1/public/enquiries/", enquiry(), REMOTE_ADDR="203.0.113.9").status_code
             for _ in range(limit + 1)]
    assert codes[-1] == 429
    assert codes[:-1] == [201] * limit
    other_client = api().post("/api/v1/public/enquiries/", enquiry(), REMOTE_ADDR="203.0.113.10")
    assert other_client.status_code == 201


@pytest.mark.parametrize("fixture", ["salesperson", "hq_analyst"])
def test_only_hq_operations_create_leads(api, request, van, fixture):
    customer = Customer.objects.create(name="X", email="x@example.com")
    response = api(request.getfixturevalue(fixture)).post("/api/v1/leads/", {"customer": customer.pk,
                                                                             "model": van.pk})
    assert response.status_code == 403


def test_hq_creates_a_lead_for_a_customer_and_a_repeat_is_merged(api, hq_ops, van):
    customer = Customer.objects.create(name="X", email="x@example.com", postal_code="200000")
    first = api(hq_ops).post("/api/v1/leads/", {"customer": customer.pk, "model": van.pk, "source": "event"})
    assert first.status_code == 201
    assert first.json()["source"] == "event"
    again = api(hq_ops).post("/api/v1/leads/", {"customer": customer.pk, "model": van.pk, "source": "event"})
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
