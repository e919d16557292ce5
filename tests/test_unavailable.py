"""While the database does not answer, people get a short page in their language, not a crash."""
from labapp import create_app

from .conftest import base_config
from .helpers import translated


def _app_without_database(tmp_path):
    return create_app(base_config(f"sqlite:///{tmp_path}/missing-folder/labapp.sqlite"))


def test_a_signed_in_person_gets_a_503_page_when_the_database_is_down(tmp_path):
    client = _app_without_database(tmp_path).test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:token"
        session["locale"] = "ur"
    response = client.get("/labs/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert translated("The lab is out of reach for a moment", "ur") in page
    assert 'dir="rtl"' in page


def test_the_health_check_says_unavailable(tmp_path):
    response = _app_without_database(tmp_path).test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] is False
