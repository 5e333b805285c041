from rest_framework import serializers

from core.models import Job


class ErrorSerializer(serializers.Serializer):
    """The shape of every error answer (documented on each operation in the schema)."""

    detail = serializers.CharField(help_text="A sentence a person can act on.")
    code = serializers.CharField(help_text="A machine-readable code, e.g. invalid, not_found, invalid_state.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For validation errors only: messages per field (nested fields as dotted names).",
    )


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = ["id", "kind", "status", "progress", "result", "error", "created_at", "updated_at",
                  "started_at", "finished_at"]
        read_only_fields = fields


class JobRefSerializer(serializers.Serializer):
    job = serializers.IntegerField(help_text="Poll /api/v1/jobs/{job}/ for progress and result.")
