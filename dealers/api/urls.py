from django.urls import path
from rest_framework.routers import SimpleRouter

from dealers.api import customers, views

router = SimpleRouter()
router.register("regions", views.RegionViewSet)
router.register("dealers", views.DealerViewSet)
router.register("staff", views.StaffViewSet, basename="staff")
router.register("customers", customers.CustomerViewSet)

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
