from django.urls import path
from rest_framework.routers import SimpleRouter

from settlements.api import views

router = SimpleRouter()
router.register("commission-rules", views.CommissionRuleViewSet)
router.register("incentive-programs", views.IncentiveProgramViewSet)
router.register("targets", views.DealerTargetViewSet)
router.register("settlements/statements", views.StatementViewSet)

urlpatterns = [
    path("settlements/runs/", views.RunView.as_view(), name="settlement-runs"),
    path("settlements/adjustments/", views.AdjustmentView.as_view(), name="settlement-adjustments"),
    path("performance/dealers/", views.DealerPerformanceView.as_view(), name="performance-dealers"),
    path("performance/regions/", views.RegionPerformanceView.as_view(), name="performance-regions"),
    path("performance/dealers/<int:dealer_id>/scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    *router.urls,
]
