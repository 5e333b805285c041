from django.contrib import admin

from leads.models import Lead, LeadEvent, RoutingDecision, RoutingPolicy
from leads.services.capture import lead_create


class EventInline(admin.TabularInline):
    model = LeadEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "from_status", "to_status", "actor", "dealer", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    """HQ may enter a lead here (the fourth door into the same capture service); after that a lead
    moves only through its actions, so existing leads are read-only."""

    list_display = ("reference", "customer", "model", "source", "status", "dealer", "sla_due_at", "created_at")
    list_filter = ("status", "source", "unroutable")
    search_fields = ("reference", "customer__name", "customer__email")
    raw_id_fields = ("customer",)
    fields = ("customer", "model", "source", "postal_code", "country", "latitude", "longitude", "message")
    inlines = [EventInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else ()

    def has_change_permission(self, request, obj=None):
        return obj is None

    def save_model(self, request, obj, form, change):
        if change:
            return
        lead, _merged = lead_create(by=request.user, **{f: form.cleaned_data.get(f) for f in self.fields})
        obj.pk = lead.pk

    def save_related(self, request, form, formsets, change):
        """Nothing to save beside the lead: its events are written by the service."""


@admin.register(RoutingPolicy)
class RoutingPolicyAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "max_distance_km", "weight_distance", "weight_tier", "weight_load")


@admin.register(RoutingDecision)
class RoutingDecisionAdmin(admin.ModelAdmin):
    list_display = ("lead", "winner", "manual", "at")
    readonly_fields = [f.name for f in RoutingDecision._meta.fields]

    def has_add_permission(self, request):
        return False
