import pytest
from django.core.management import call_command

from core.jobs import run_job, start_job
from core.models import Job
from core.tasks import diagnose
from tests.conftest import wait_for
from tests.dealers.factories import HQUserFactory


def test_a_job_records_progress_and_result(db, hq_ops):
    job = Job.objects.create(kind="demo", created_by=hq_ops)
    seen = []

    def work(job, report):
        report(40)
        seen.append(Job.objects.get(pk=job.pk).progress)
        return {"routed": 3}

    assert run_job(job.pk, work) == {"routed": 3}
    job.refresh_from_db()
    assert (job.status, job.progress, job.result, seen) == ("succeeded", 100, {"routed": 3}, [40])
    assert job.started_at
    assert job.finished_at


def test_a_failing_job_is_marked_failed_with_the_reason(db, hq_ops):
    job = Job.objects.create(kind="demo", created_by=hq_ops)

    def work(job, report):
        raise ValueError("no active routing policy")

    assert run_job(job.pk, work) is None
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "no active routing policy")


def test_a_succeeded_job_is_not_done_twice(db, hq_ops):
    job = Job.objects.create(kind="demo", created_by=hq_ops)
    calls = []
    run_job(job.pk, lambda job, report: calls.append(1) or {"n": len(calls)})
    assert run_job(job.pk, lambda job, report: calls.append(1) or {"n": len(calls)}) == {"n": 1}
    assert calls == [1]


def test_started_job_runs_after_commit_in_process(db, hq_ops, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind="diagnose", by=hq_ops, task=diagnose)
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.result["database"] in ("sqlite", "postgresql")


def test_only_the_starter_sees_a_job(db, api, hq_ops):
    job = Job.objects.create(kind="demo", created_by=hq_ops, status="running", progress=30)
    response = api(hq_ops).get(f"/api/v1/jobs/{job.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "running"
    assert response.json()["progress"] == 30
    other = HQUserFactory()
    assert api(other).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert api().get(f"/api/v1/jobs/{job.pk}/").status_code == 401


@pytest.mark.redis
@pytest.mark.postgres
def test_a_real_worker_runs_a_job_against_the_same_database(celery_worker, hq_ops):
    job = start_job(kind="diagnose", by=hq_ops, task=diagnose)
    wait_for(lambda: Job.objects.filter(pk=job.pk, status="succeeded").exists())
    job.refresh_from_db()
    assert job.result["database"] == "postgresql"
    assert job.result["worker"]


@pytest.mark.redis
@pytest.mark.postgres
def test_check_services_sees_the_worker(celery_worker, capsys):
    call_command("check_services", timeout=30)
    out = capsys.readouterr().out
    assert "worker: 1 answered the ping" in out
    assert "job: ok" in out
    assert "all services answer" in out


def test_check_services_in_the_embedded_default(db, capsys, settings):
    call_command("check_services")
    out = capsys.readouterr().out
    assert "database: ok" in out
    assert "worker: none needed" in out
