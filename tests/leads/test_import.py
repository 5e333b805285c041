"""Lead lists: all rows or none, every bad row by line and field, 10,000 rows."""

import time

from dealers.models import Customer
from leads.models import Lead
from tests.vehicles.factories import ProductModelFactory

HEADER = ("first_name,last_name,company,email,phone,postal_code,country,latitude,longitude,model,source,message,"
          "consent\n")


def csv_of(rows):
    return (HEADER + "".join(rows)).encode()


def upload(api, user, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api(user).post("/api/v1/leads/import/", {"file": SimpleUploadedFile("leads.csv", content, "text/csv")},
                          format="multipart")


def test_a_clean_file_imports_every_row(api, hq_ops, van):
    content = csv_of([
        "Wei,Zhang,,zhang.wei@example.com,13800138000,200120,CN,31.22,121.54,l300-van,event,Auto show,yes\n",
        "Na,Li,Huaxin Logistics,li.na@huaxin.cn,,310052,CN,,,l300-van,,Fleet,yes\n",
        "Wei,Zhang,,zhang.wei@example.com,,200120,CN,,,l300-van,event,Came back,yes\n",  # repeat: merged
    ])
    response = upload(api, hq_ops, content)
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 2, "merged": 1, "job": None}
    assert Customer.objects.count() == 2
    assert Customer.objects.get(email="li.na@huaxin.cn").kind == "company"
    zhang = Lead.objects.get(customer__email="zhang.wei@example.com")
    assert (zhang.source, zhang.status) == ("event", "new")
    assert zhang.events.filter(kind="merged").exists()


def test_every_bad_row_is_reported_and_nothing_is_imported(api, hq_ops, van):
    content = csv_of([
        "Wei,Zhang,,zhang.wei@example.com,13800138000,200120,CN,31.22,121.54,l300-van,,,yes\n",
        "Na,Li,,not-an-email,,310052,CN,,,l300-van,,,yes\n",
        "Min,Wang,,,12,310052,CN,95,,tractor-x,fax,,no\n",
    ])
    response = upload(api, hq_ops, content)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "2 rows have errors; nothing was imported."
    assert {(r["line"], r["field"]) for r in body["rows"]} == {
        (3, "email"), (4, "phone"), (4, "model"), (4, "source"), (4, "consent"), (4, "latitude")}
    assert "line 3.email" in body["fields"]
    assert not Lead.objects.exists()
    assert not Customer.objects.exists()


def test_missing_columns_and_bad_encoding(api, hq_ops):
    response = upload(api, hq_ops, b"name,phone\nWei,138\n")
    assert {r["field"] for r in response.json()["rows"]} == {"model", "consent"}
    response = upload(api, hq_ops, "first_name\n张伟".encode("gb18030"))
    assert response.status_code == 400


def test_only_hq_operations_import(api, salesperson, hq_analyst):
    for user in (salesperson, hq_analyst):
        assert upload(api, user, csv_of([])).status_code == 403


def test_ten_thousand_rows(api, hq_ops):
    ProductModelFactory(code="t904")
    rows = [f"Name{i},Family,,buyer{i}@example.com,,2001{i % 100:02d},CN,,,t904,campaign,,yes\n"
            for i in range(10_000)]
    started = time.perf_counter()
    response = upload(api, hq_ops, csv_of(rows))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == 10_000
    assert Lead.objects.count() == 10_000
    print(f"imported 10,000 rows in {elapsed:.1f} s")
