from rest_framework import permissions


class ReadAnyWriteHQ(permissions.BasePermission):
    """Reads for everyone signed in (rows are still narrowed by visible_to); writes only for the
    HQ roles the view names in `write_roles`. The services check the same roles again."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if view.kwargs.get(view.lookup_url_kwarg or view.lookup_field):
            return True  # decided per object, after get_object() answered 404 for rows out of reach
        return self._may_write(request, view)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or self._may_write(request, view)

    def _may_write(self, request, view):
        return request.user.role_at_hq in getattr(view, "write_roles", ())


class IsHQAdmin(permissions.BasePermission):
    message = "Only an HQ administrator may do this."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.role_at_hq == "hq_admin"
