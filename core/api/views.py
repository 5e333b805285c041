from core.api.serializers import JobSerializer
from core.api.viewsets import ReadOnlyModelViewSet
from core.models import Job


class JobViewSet(ReadOnlyModelViewSet):
    """Long-running work (routing batches, settlement runs): poll for status, progress and result."""

    queryset = Job.objects.all()
    serializer_class = JobSerializer
