"""Partner-type tags typed on any keyboard."""
import pytest

from labapp.systemmap.service import parse_tags


@pytest.mark.parametrize("typed,expected", [
    ("gp practice, Food,  food ", ["gp practice", "Food"]),
    ("پرائمری کیئر، NHS", ["پرائمری کیئر", "NHS"]),
    ("رعاية أولية،مدرسة, NHS", ["رعاية أولية", "مدرسة", "NHS"]),
    (" , ,", []),
    (None, []),
])
def test_tags_split_on_latin_and_arabic_commas(typed, expected):
    assert parse_tags(typed) == expected
