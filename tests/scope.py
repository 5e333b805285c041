"""What every API endpoint must do, checked for all of them (see tests/core/test_api_scope.py).

Each model behind a viewset is listed in exactly one of these:
- OUT_OF_REACH: how to make a row that a dealer principal of another dealer must not reach
  (their detail routes and actions then answer 404, as for an id that does not exist);
- SHARED: reference data every signed-in user reads (regions, the catalogue).
A new viewset whose model is in neither fails the check, so new endpoints get these tests for free.
"""

from core.models import Job
from dealers.choices import DealerRole
from dealers.models import Dealer, Region
from tests.dealers.factories import staff
from vehicles.models import Option, ProductLine, ProductModel

OUT_OF_REACH = {
    Dealer: lambda other_dealer: other_dealer,
    Job: lambda other_dealer: Job.objects.create(kind="test", created_by=staff(other_dealer, DealerRole.PRINCIPAL)),
}

SHARED = {Region, ProductLine, ProductModel, Option}

# Endpoints anyone may call without signing in.
PUBLIC_PREFIXES = ("api/v1/auth/token/", "api/v1/public/")
