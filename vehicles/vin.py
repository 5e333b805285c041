"""Vehicle identification numbers (ISO 3779) and serials.

A VIN has 17 characters and never I, O or Q. Where the manufacturer's region requires it — North
America (first character 1 to 5) and China (L) — position 9 is a check digit: each character is
transliterated to a number, weighted, summed modulo 11, and 10 is written X. Elsewhere (a European
VIN such as WP0ZZZ99ZTS392124) position 9 is the manufacturer's own and is not checked.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_VALUES = {**{str(d): d for d in range(10)},
           **dict(zip("ABCDEFGH", range(1, 9), strict=True)), **dict(zip("JKLMN", range(1, 6), strict=True)),
           "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_CHECKED_REGIONS = set("12345L")


def normalise_serial(serial: str) -> str:
    """Serials and VINs are compared in capitals and without spaces."""
    return "".join((serial or "").upper().split())


def check_digit(vin: str) -> str:
    total = sum(_VALUES[ch] * weight for ch, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_vin(vin: str) -> str:
    """Return the normalised VIN, or raise ValidationError saying which rule failed."""
    vin = normalise_serial(vin)
    if len(vin) != 17:
        raise ValidationError(_("A VIN has 17 characters; this one has %(n)s.") % {"n": len(vin)}, code="vin_length")
    for position, ch in enumerate(vin, start=1):
        if ch in "IOQ":
            raise ValidationError(
                _("A VIN never contains I, O or Q (found %(ch)s at position %(pos)s).") % {"ch": ch, "pos": position},
                code="vin_letter")
        if ch not in _VALUES:
            raise ValidationError(
                _("A VIN has only letters and digits (found %(ch)s at position %(pos)s).")
                % {"ch": ch, "pos": position},
                code="vin_character")
    if vin[0] in _CHECKED_REGIONS:
        expected = check_digit(vin)
        if vin[8] != expected:
            raise ValidationError(
                _("Position 9 is the check digit and should be %(expected)s, not %(found)s: a character is "
                  "probably mistyped.") % {"expected": expected, "found": vin[8]},
                code="vin_check_digit")
    return vin


def with_check_digit(vin16: str) -> str:
    """Complete a VIN whose position 9 is a placeholder (for generating demo and test VINs)."""
    vin = vin16[:8] + "0" + vin16[9:] if len(vin16) == 17 else vin16[:8] + "0" + vin16[8:]
    return vin[:8] + check_digit(vin) + vin[9:]
