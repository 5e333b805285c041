import pytest
from django.core.exceptions import ValidationError

from vehicles.vin import check_digit, normalise_serial, validate_vin, with_check_digit

# Real VINs with valid check digits (North America and China), and a European one whose position 9
# is not a check digit.
VALID = [
    "1HGCM82633A004352",  # Honda Accord, USA: check digit 3
    "1M8GDM9AXKP042788",  # a US bus: check digit X
    "3VWFE21C04M000001",  # Volkswagen, Mexico: check digit 0
    "LSGPC52U6AF102554",  # a Buick built in China
    "LVSHCAMB1CE054249",  # a Ford built in China
    "JH4KA7561PC008269",  # Acura, Japan: the region does not require it, and this one is right anyway
    "WP0ZZZ99ZTS392124",  # Porsche 911, Europe: no check digit
]


@pytest.mark.parametrize("vin", VALID)
def test_real_vins_are_accepted(vin):
    assert validate_vin(vin) == vin


def test_case_and_spaces_are_normalised():
    assert validate_vin(" 1hgcm82633a 004352 ") == "1HGCM82633A004352"
    assert normalise_serial("ab-12 3") == "AB-123"


@pytest.mark.parametrize(
    ("vin", "code", "fragment"),
    [
        ("1HGCM82633A00435", "vin_length", "17 characters; this one has 16"),
        ("1HGCM82633A0043521", "vin_length", "this one has 18"),
        ("1HGCM82633A0O4352", "vin_letter", "found O at position 13"),
        ("1HGCM82633A004362", "vin_check_digit", "should be 6, not 3"),  # one digit mistyped
        ("1HGCM82633A004532", "vin_check_digit", "mistyped"),  # two digits swapped
        ("LVSHCAMB2CE054249", "vin_check_digit", "should be 1, not 2"),
        ("1HGCM82633A00435*", "vin_character", "found * at position 17"),
    ],
)
def test_mistyped_vins_are_refused_naming_the_rule(vin, code, fragment):
    with pytest.raises(ValidationError) as excinfo:
        validate_vin(vin)
    assert excinfo.value.code == code
    assert fragment in excinfo.value.messages[0]


def test_a_european_vin_with_a_letter_in_position_9_passes_but_the_same_from_china_does_not():
    assert validate_vin("WP0ZZZ99ZTS392124")
    with pytest.raises(ValidationError):
        validate_vin("LP0ZZZ99ZTS392124")


def test_generated_vins_carry_their_check_digit():
    vin = with_check_digit("LTL1A2B30TZ000123")
    assert validate_vin(vin) == vin
    assert vin[8] == check_digit(vin)
