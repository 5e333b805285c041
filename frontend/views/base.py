"""Base page views: every page's rows come from the model's visible_to(user), as in the API."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.errors import DomainError
from core.visibility import VisibleQuerysetMixin


class PortalListView(LoginRequiredMixin, VisibleQuerysetMixin, FilterView):
    """A paginated, filterable list of the rows the user may see (the API's filterset)."""

    paginate_by = 25
    strict = False  # invalid filter values show the form's errors over an unfiltered list


class PortalDetailView(LoginRequiredMixin, VisibleQuerysetMixin, DetailView):
    """One row the user may see; any other id is 404."""


def run_service(request, form, call, *, success: str) -> bool:
    """Call a service from a page: on success flash `success`; a domain error or validation error
    becomes a message or form errors, so the page shows it next to the fields, never a 500."""
    try:
        call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and form is not None:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, " ".join(exc.messages))
        return False
    except PermissionError as exc:  # pragma: no cover - services raise NotPermitted
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True
