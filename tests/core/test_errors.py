from core.api.errors import flatten


def test_nested_errors_become_dotted_field_names():
    detail = {"lines": [{}, {"model": ["Unknown model."]}], "email": ["Enter a valid email."]}
    assert flatten(detail) == {"lines.1.model": ["Unknown model."], "email": ["Enter a valid email."]}


def test_errors_on_a_list_field_stay_under_its_name():
    assert flatten({"product_lines": ["Invalid pk \"9\"."]}) == {"product_lines": ['Invalid pk "9".']}
