from rest_framework.routers import SimpleRouter

from vehicles.api import catalogue, service, units

router = SimpleRouter()
router.register("product-lines", catalogue.ProductLineViewSet)
router.register("models", catalogue.ProductModelViewSet)
router.register("options", catalogue.OptionViewSet)
router.register("units", units.UnitViewSet)
router.register("service-contracts", service.ServiceContractViewSet)
router.register("service-requests", service.ServiceRequestViewSet)
router.register("repair-orders", service.RepairOrderViewSet)
router.register("warranty-claims", service.WarrantyClaimViewSet)

urlpatterns = router.urls
