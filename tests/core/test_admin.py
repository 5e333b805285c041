"""The Django admin for HQ administrators: every list opens, and a lead entered there goes through
the same capture service (routed, with its timeline)."""

import pytest
from django.contrib import admin

from leads.models import Lead
from tests.dealers.factories import CustomerFactory
from tests.vehicles.factories import ProductModelFactory


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_every_admin_list_opens(admin_client):
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url


def test_a_lead_entered_in_the_admin_is_captured_by_the_service(admin_client):
    customer = CustomerFactory()
    model = ProductModelFactory()
    response = admin_client.post("/admin/leads/lead/add/", {
        "customer": customer.pk, "model": model.pk, "source": "event", "postal_code": "200000", "country": "CN",
        "message": "Met at the Shanghai auto show"})
    assert response.status_code == 302, response.content[:2000]
    lead = Lead.objects.get()
    assert (lead.source, lead.created_by.is_superuser) == ("event", True)
    assert lead.events.filter(to_status="new").exists()
