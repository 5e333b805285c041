from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.models import Job
from frontend.views.base import visible


@login_required
def job_progress(request, pk):
    """A long job's progress bar: refreshed by htmx every second (or by the page itself without
    JavaScript) until it is done."""
    job = visible(Job, request.user, pk)
    template = "frontend/jobs/_progress.html" if request.htmx else "frontend/jobs/progress.html"
    return render(request, template, {"job": job, "done": job.status in ("succeeded", "failed")})
