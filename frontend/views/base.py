"""Base page views: every page's rows come from the model's visible_to(user), as in the API."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
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
    if success:
        messages.success(request, success)
    return True


def act(request, call, *, success: str, back: str, form=None):
    """A POST action button: run one service, flash the outcome and go back to the page (PRG)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run_service(request, form, call, success=success)
    return redirect(back)


def visible(model, user, pk):
    """The row if this user may see it, else 404 (the same answer as an id that does not exist)."""
    return get_object_or_404(model.objects.visible_to(user), pk=pk)


def form_errors(form) -> str:
    """A form's errors as one sentence for a flash message (the action buttons have no page of their own)."""
    return " ".join(f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
                    for name, errors in form.errors.items())
