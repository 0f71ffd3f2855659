import pytest

from ridealong.core.net import is_public


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "169.254.169.254",
        "::1",
        "fe80::1%eth0",
        "::ffff:127.0.0.1",
        "0.0.0.0",  # noqa: S104 (an address to refuse, not one we bind)
        "224.0.0.1",
        "100.64.0.1",
    ],
)
def test_it_refuses_addresses_inside_a_network(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_it_allows_public_addresses(address):
    assert is_public(address)
