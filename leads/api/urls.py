from django.urls import path
from rest_framework.routers import SimpleRouter

from leads.api import views

router = SimpleRouter()
router.register("leads", views.LeadViewSet)
router.register("routing/policies", views.RoutingPolicyViewSet)

urlpatterns = [
    path("routing/simulate/", views.SimulateView.as_view(), name="routing-simulate"),
    path("public/enquiries/", views.EnquiryView.as_view(), name="public-enquiry"),
    *router.urls,
]
