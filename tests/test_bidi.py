"""Text typed in one script keeps its own direction on a page in another."""
import pytest

from labapp.i18n import direction_of_text


@pytest.mark.parametrize("text,expected", [
    ("How do we make care fair?", "ltr"),
    ("ہم دیکھ بھال کو منصفانہ کیسے بنائیں؟", "rtl"),
    ("  123 — العربية", "rtl"),
    ("2027: Bradford", "ltr"),
    ("", "ltr"),
    (None, "ltr"),
])
def test_direction_comes_from_the_first_strong_letter(text, expected):
    assert direction_of_text(text) == expected
