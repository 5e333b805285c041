from rest_framework.routers import SimpleRouter

from core.api.views import JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet)

urlpatterns = router.urls
