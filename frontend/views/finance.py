"""Finance and performance: settlement runs, statements, rankings and charts, scorecards."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dealers.models import Dealer
from frontend.views.base import PortalListView, act, run_service, visible
from frontend.views.dashboard import chart
from settlements import performance, periods
from settlements.models import Statement
from settlements.services import statements as services


def _recent_periods(count: int = 6) -> list[str]:
    """This month and the ones before it, newest first."""
    month, out = timezone.localdate().replace(day=1), []
    for _i in range(count):
        out.append(periods.label(month))
        month = (month - timedelta(days=1)).replace(day=1)
    return out


def _period(request) -> str:
    period = request.GET.get("period") or _recent_periods(2)[1]
    try:
        periods.parse(period)
    except ValidationError:  # a mistyped period in the address shows last month instead of an error page
        period = _recent_periods(2)[1]
    return period


class StatementListView(PortalListView):
    model = Statement
    queryset = Statement.objects.select_related("dealer").order_by("-period", "dealer__code")
    filterset_fields = ["period", "status", "dealer"]
    template_name = "frontend/finance/statement_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_run"] = self.request.user.role_at_hq in services.FINANCE
        context["periods"] = _recent_periods()
        return context


@login_required
def run(request):
    """Finance starts the settlement run of a month and watches its progress."""
    if request.user.role_at_hq not in services.FINANCE:
        raise PermissionDenied
    if request.method != "POST":
        return redirect("statement-list")
    made = {}
    period = request.POST.get("period", "")
    if run_service(request, None, lambda: made.update(job=services.start_run(by=request.user, period=period)),
                   success=_("Settlement run for %(period)s started.") % {"period": period}):
        return redirect("job-progress", pk=made["job"].pk)
    return redirect("statement-list")


@login_required
def statement_detail(request, pk):
    statement = visible(Statement, request.user, pk)
    return render(request, "frontend/finance/statement_detail.html", {
        "statement": statement, "lines": statement.lines.order_by("kind", "id"),
        "events": statement.events.select_related("actor"),
        "may_decide": request.user.role_at_hq in services.FINANCE,
    })


@login_required
def statement_action(request, pk, action):
    statement = visible(Statement, request.user, pk)
    back = f"/settlements/statements/{statement.pk}/"
    if action == "approve":
        return act(request, lambda: services.statement_approve(by=request.user, statement=statement),
                   success=_("Statement approved; it can no longer change."), back=back)
    return act(request, lambda: services.statement_mark_paid(by=request.user, statement=statement,
                                                             reference=request.POST.get("reference", "")[:200]),
               success=_("Statement marked paid."), back=back)


@login_required
def statement_export(request, pk):
    statement = visible(Statement, request.user, pk)
    response = HttpResponse(services.statement_csv(statement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statement-{statement.dealer.code}-{statement.period}.csv"'
    return response


@login_required
def rankings(request):
    """Dealers ranked for a month, regions side by side, and the network over the last months —
    from the same functions the performance API answers with."""
    period = _period(request)
    dealers = Dealer.objects.visible_to(request.user)
    rows = performance.dealer_figures(period, dealers)
    context = {"period": period, "periods": _recent_periods(), "rows": rows}
    if request.user.is_hq:
        regions = performance.rollup(rows, "region")
        trend = performance.monthly_trend(list(reversed(_recent_periods())), dealers)
        context.update(regions=regions, charts={
            "regions": chart("bar", [r["region_name"] for r in regions],
                             [{"label": _("Revenue"), "data": [float(r["revenue"]) for r in regions]}]),
            "trend": chart("line", [t["period"] for t in trend],
                           [{"label": _("Leads received"), "data": [t["leads"] for t in trend]},
                            {"label": _("Units delivered"), "data": [t["units"] for t in trend]}]),
        })
    return render(request, "frontend/finance/rankings.html", context)


@login_required
def scorecard(request):
    """A dealer's scorecard: its own for dealer staff; any dealer's for HQ (?dealer=)."""
    period = _period(request)
    if request.user.is_hq:
        dealer = visible(Dealer, request.user, request.GET.get("dealer") or 0) if request.GET.get("dealer") \
            else Dealer.objects.order_by("code").first()
    else:
        membership = request.user.dealer_membership
        if membership is None:
            raise PermissionDenied
        dealer = membership.dealer
    if dealer is None:
        messages.info(request, _("No dealers yet."))
        return redirect("home")
    card = performance.scorecard(dealer, period)
    return render(request, "frontend/finance/scorecard.html", {
        "dealer": dealer, "card": card, "period": period, "periods": _recent_periods(),
        "dealers": Dealer.objects.visible_to(request.user).order_by("code") if request.user.is_hq else [],
    })
