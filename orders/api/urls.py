from django.urls import path
from rest_framework.routers import SimpleRouter

from orders.api import views

router = SimpleRouter()
router.register("quotes", views.QuoteViewSet)
router.register("orders", views.OrderViewSet)
router.register("public/quotes", views.PublicQuoteViewSet, basename="public-quote")

urlpatterns = [
    path("public/tracking/<str:token>/", views.TrackingView.as_view(), name="public-tracking"),
    *router.urls,
]
