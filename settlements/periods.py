"""Settlement periods are calendar months ("YYYY-MM") in the network's time zone."""

import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse(period: str) -> date:
    """The first day of the period; a clear error for anything that is not YYYY-MM."""
    match = PERIOD.match(period or "")
    if not match:
        raise ValidationError({"period": [_("Give the period as YYYY-MM, e.g. 2026-10.")]})
    return date(int(match[1]), int(match[2]), 1)


def bounds(period: str) -> tuple[datetime, datetime]:
    """[start, end) of the period as aware datetimes."""
    first = parse(period)
    following = next_month(first)
    zone = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(first, time.min), zone),
            timezone.make_aware(datetime.combine(following, time.min), zone))


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def label(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def following(period: str) -> str:
    return label(next_month(parse(period)))


def of(moment: datetime) -> str:
    return label(timezone.localtime(moment).date())


def last_day(period: str) -> date:
    return next_month(parse(period)) - timedelta(days=1)
