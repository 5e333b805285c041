from rest_framework import serializers


class VisiblePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key in input, looked up only among the rows the requesting user may see.

    A guessed id of another dealer's customer is "does not exist", the same as an unknown id.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset.none()
        return queryset.visible_to(request.user)
