from rest_framework.routers import SimpleRouter

from vehicles.api import catalogue

router = SimpleRouter()
router.register("product-lines", catalogue.ProductLineViewSet)
router.register("models", catalogue.ProductModelViewSet)
router.register("options", catalogue.OptionViewSet)

urlpatterns = router.urls
