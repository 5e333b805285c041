"""The one rule for views: rows come from `queryset.visible_to(request.user)`, nothing else."""


class VisibleQuerysetMixin:
    """`get_queryset()` always answers `queryset.visible_to(request.user)`.

    Subclasses set `queryset` (with its select_related/prefetch) and never override `get_queryset`;
    a view that truly needs unrestricted rows overrides `dangerously_get_queryset` so that it shows.
    Rows outside that set are 404 on detail routes, exactly like ids that do not exist. Used by the
    API's base viewsets and by the portal's base page views alike.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "get_queryset" in cls.__dict__:
            raise TypeError(
                f"{cls.__name__} overrides get_queryset; narrow `queryset` or override "
                "dangerously_get_queryset instead, so that visibility is never bypassed by accident."
            )

    def dangerously_get_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        return self.dangerously_get_queryset().visible_to(self.request.user)
