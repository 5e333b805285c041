"""Statements, runs and figures through the API: who sees what, approval, export."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from dealers.choices import DealerRole
from leads.models import LeadEvent, LeadExclusion
from settlements.models import CommissionRule, DealerTarget, Statement, TierThreshold
from settlements.services.runs import settlement_run
from tests.dealers.factories import staff
from tests.leads.factories import LeadFactory
from tests.settlements.conftest import at, delivered_order
from tests.vehicles.factories import ProductModelFactory


@pytest.fixture
def settled(dealer, other_dealer, hq_finance, time_machine):
    time_machine.move_to(at("2026-11-05"), tick=False)
    CommissionRule.objects.create(percent=Decimal("2.00"), valid_from=date(2026, 1, 1))
    model = ProductModelFactory()
    delivered_order(dealer, model, gross="50000.00", delivered="2026-10-03")
    delivered_order(other_dealer, model, gross="10000.00", delivered="2026-10-04")
    settlement_run(by=hq_finance, period="2026-10")
    return Statement.objects.get(dealer=dealer), Statement.objects.get(dealer=other_dealer)


def test_a_principal_sees_only_their_statements(api, dealer, settled):
    mine, theirs = settled
    principal = staff(dealer, DealerRole.PRINCIPAL)
    body = api(principal).get("/api/v1/settlements/statements/").json()
    assert [s["id"] for s in body["results"]] == [mine.pk]
    assert body["results"][0]["total"] == "1000.00"
    assert api(principal).get(f"/api/v1/settlements/statements/{theirs.pk}/").status_code == 404
    assert api(principal).get(f"/api/v1/settlements/statements/{theirs.pk}/export/").status_code == 404
    assert api(staff(dealer, DealerRole.SALES_MANAGER)).get("/api/v1/settlements/statements/").json()["count"] == 0


def test_finance_approves_and_marks_paid(api, settled, hq_finance, hq_ops, dealer):
    mine, _ = settled
    principal = staff(dealer, DealerRole.PRINCIPAL)
    assert api(principal).post(f"/api/v1/settlements/statements/{mine.pk}/approve/").status_code == 403
    assert api(hq_ops).post(f"/api/v1/settlements/statements/{mine.pk}/approve/").status_code == 403
    early = api(hq_finance).post(f"/api/v1/settlements/statements/{mine.pk}/mark-paid/")
    assert early.status_code == 409
    assert "is draft" in early.json()["detail"]
    assert api(hq_finance).post(f"/api/v1/settlements/statements/{mine.pk}/approve/").json()["status"] == "approved"
    paid = api(hq_finance).post(f"/api/v1/settlements/statements/{mine.pk}/mark-paid/", {"reference": "BOC-7781"})
    assert paid.json()["status"] == "paid"
    assert Statement.objects.get(pk=mine.pk).events.last().reason == "BOC-7781"


def test_the_csv_an_accountant_opens(api, settled, dealer):
    mine, _ = settled
    response = api(staff(dealer, DealerRole.PRINCIPAL)).get(f"/api/v1/settlements/statements/{mine.pk}/export/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["dealer", "period", "kind", "source", "description", "amount", "currency"]
    assert rows[1][2:4] == ["commission", rows[1][3]]
    assert rows[1][5] == "1000.00"
    assert rows[-1] == [dealer.code, "2026-10", "total", "", "", "1000.00", "CNY"]


def test_runs_and_adjustments_are_for_finance(api, hq_finance, hq_ops, dealer, django_capture_on_commit_callbacks):
    assert api(hq_ops).post("/api/v1/settlements/runs/", {"period": "2026-10"}).status_code == 403
    assert api(hq_finance).post("/api/v1/settlements/runs/", {"period": "2026-13"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = api(hq_finance).post("/api/v1/settlements/runs/", {"period": "2026-10"})
    assert response.status_code == 202
    job = api(hq_finance).get(f"/api/v1/jobs/{response.json()['job']}/").json()
    assert (job["status"], job["result"]["period"]) == ("succeeded", "2026-10")
    bad = api(hq_finance).post("/api/v1/settlements/adjustments/", {"dealer": dealer.pk, "period": "2026-10",
                                                                     "amount": "0", "reason": "x"})
    assert bad.status_code == 400
    made = api(hq_finance).post("/api/v1/settlements/adjustments/", {"dealer": dealer.pk, "period": "2026-10",
                                                                      "amount": "-50.00", "reason": "Late fee"})
    assert made.status_code == 201
    assert Statement.objects.get(dealer=dealer, period="2026-10").total == Decimal("-50.00")


def test_commission_rules_are_written_by_finance(api, hq_finance, hq_ops, salesperson):
    payload = {"tier": "gold", "percent": "3.50", "valid_from": "2026-01-01"}
    assert api(hq_ops).post("/api/v1/commission-rules/", payload).status_code == 403
    assert api(hq_finance).post("/api/v1/commission-rules/", payload).status_code == 201
    assert api(hq_finance).post("/api/v1/commission-rules/", {**payload, "valid_to": "2025-01-01"}).status_code == 400
    assert api(salesperson).get("/api/v1/commission-rules/").json()["count"] == 0


@pytest.fixture
def month(dealer, other_dealer, time_machine):
    """October, constructed so that every figure can be counted by hand."""
    time_machine.move_to(at("2026-11-05"), tick=False)
    model = ProductModelFactory()
    delivered_order(dealer, model, gross="30000.00", discount="1000.00", delivered="2026-10-03")
    delivered_order(dealer, model, gross="20000.00", delivered="2026-10-04")
    delivered_order(other_dealer, model, gross="90000.00", delivered="2026-10-05")
    for minutes, contact in ((30, 60), (90, None), (240, 300)):
        lead = LeadFactory(dealer=dealer, status="contacted", assigned_at=at("2026-10-10"),
                           accepted_at=at("2026-10-10") + timedelta(minutes=minutes),
                           first_contact_at=at("2026-10-10") + timedelta(minutes=contact) if contact else None)
        LeadEvent.objects.create(lead=lead, to_status="assigned", dealer=dealer, at=at("2026-10-10"))
    LeadFactory(dealer=dealer, status="won", closed_at=at("2026-10-20"))
    LeadFactory(dealer=dealer, status="lost", closed_at=at("2026-10-21"))
    LeadFactory(dealer=dealer, status="lost", closed_at=at("2026-10-22"))
    LeadExclusion.objects.create(lead=LeadFactory(), dealer=dealer, reason="lapsed")
    LeadExclusion.objects.update(at=at("2026-10-15"))
    DealerTarget.objects.create(dealer=dealer, period="2026-10", units=4, revenue=Decimal("100000.00"))


def test_figures_match_the_hand_count(api, hq_analyst, dealer, month):
    body = api(hq_analyst).get("/api/v1/performance/dealers/?period=2026-10").json()
    near = next(r for r in body["results"] if r["dealer"] == dealer.pk)
    assert (near["leads_received"], near["leads_accepted"], near["sla_breaches"]) == (3, 3, 1)
    assert near["median_minutes_to_accept"] == 90.0
    assert near["median_minutes_to_contact"] == 180.0  # median of 60 and 300
    assert near["conversion_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert (near["units_delivered"], near["revenue"]) == (2, "49000.00")
    assert near["rank"] == 2  # the other dealer delivered 90,000
    assert near["target"]["units_achieved"] == 0.5
    assert near["links"]["revenue"].startswith(f"/api/v1/orders/?dealer={dealer.pk}&kind=retail&status=delivered")
    traced = api(hq_analyst).get(near["links"]["units_delivered"]).json()
    assert traced["count"] == 2  # the figure's rows, through the ordinary list
    received = api(hq_analyst).get(near["links"]["leads_received"]).json()
    assert received["count"] == 3


def test_dealer_staff_see_only_their_row_and_regions_are_hq_only(api, dealer, month):
    principal = staff(dealer, DealerRole.PRINCIPAL)
    body = api(principal).get("/api/v1/performance/dealers/?period=2026-10").json()
    assert [r["dealer"] for r in body["results"]] == [dealer.pk]
    assert api(principal).get("/api/v1/performance/regions/?period=2026-10").status_code == 403
    assert api(principal).get("/api/v1/performance/dealers/?period=oct").status_code == 400


def test_regions_roll_up_from_the_rows(api, hq_analyst, month):
    body = api(hq_analyst).get("/api/v1/performance/regions/?period=2026-10").json()
    east = body["results"][0]
    assert (east["dealers"], east["units_delivered"], east["revenue"]) == (2, 3, "139000.00")
    assert east["median_minutes_to_accept"] == 90.0
    assert body["network"]["units_delivered"] == 3


def test_the_scorecard_recommends_a_tier_change(api, dealer, month, time_machine):
    TierThreshold.objects.create(tier="gold", min_units=1, min_conversion_rate=Decimal("0.1"))
    TierThreshold.objects.create(tier="platinum", min_units=10, min_conversion_rate=Decimal("0.5"))
    body = api(staff(dealer, DealerRole.PRINCIPAL)).get(
        f"/api/v1/performance/dealers/{dealer.pk}/scorecard/?period=2026-10").json()
    assert [m["period"] for m in body["months"]] == ["2026-10", "2026-09", "2026-08"]
    assert body["recommendation"] is None  # October was fine for gold, the months before were empty
    TierThreshold.objects.filter(tier="gold").update(min_units=5)
    body = api(staff(dealer, DealerRole.PRINCIPAL)).get(
        f"/api/v1/performance/dealers/{dealer.pk}/scorecard/?period=2026-10").json()
    assert body["recommendation"] == {"action": "downgrade", "to": "silver"}


def test_the_monthly_trend_counts_like_the_dealer_rows(db, hq_analyst, month):
    from dealers.models import Dealer
    from settlements import performance

    trend = performance.monthly_trend(["2026-09", "2026-10"], Dealer.objects.visible_to(hq_analyst))
    rows = performance.dealer_figures("2026-10", Dealer.objects.visible_to(hq_analyst))
    assert trend[0] == {"period": "2026-09", "leads": 0, "units": 0}
    assert trend[1] == {"period": "2026-10", "leads": sum(r["leads_received"] for r in rows),
                        "units": sum(r["units_delivered"] for r in rows)}
    assert trend[1]["units"] == 3
