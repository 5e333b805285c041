"""Base viewsets: the one place where an API request's rows are narrowed to what the user may see."""

from rest_framework import mixins, viewsets

from core.visibility import VisibleQuerysetMixin


class ReadOnlyModelViewSet(VisibleQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ModelViewSet(
    VisibleQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """List, create, retrieve, update. No delete: records with history are deactivated, not removed."""
