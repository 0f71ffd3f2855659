"""Network rules shared by everything that calls out (survey webhooks, the Slack digest)."""

import ipaddress


def is_public(address: str) -> bool:
    """Whether an address may receive Ridealong's outbound requests: not private, loopback,
    link-local, reserved, multicast or unspecified (IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )
