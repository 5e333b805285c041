"""Lead operations. Other apps call these names (e.g. orders: lead_mark_quoted, lead_mark_won)."""

from leads.services.capture import Enquiry, lead_capture, lead_create
from leads.services.routing import lead_assign, route_leads, simulate, start_routing_job
from leads.services.workflow import (
    lead_accept,
    lead_contact,
    lead_delegate,
    lead_disqualify,
    lead_lose,
    lead_mark_quoted,
    lead_mark_won,
    lead_reject,
)

__all__ = [
    "Enquiry", "lead_accept", "lead_assign", "lead_capture", "lead_contact", "lead_create", "lead_delegate",
    "lead_disqualify",
    "lead_lose", "lead_mark_quoted", "lead_mark_won", "lead_reject", "route_leads", "simulate",
    "start_routing_job",
]
