import pytest


@pytest.fixture
def admin_client_of_cast(client, cast):
    """A client signed in as the cast's admin (Ada)."""
    client.force_login(cast.admin)
    return client
