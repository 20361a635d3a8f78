import pytest

from tests.factories import PersonFactory


@pytest.fixture
def antonov(db):
    return PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
