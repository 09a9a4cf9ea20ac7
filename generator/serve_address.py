"""Which addresses the live preview may bind: loopback only, unless the user insists."""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = {"localhost"}


def host_of(address: str) -> str:
    """The host part of ``HOST:PORT`` or ``[IPV6]:PORT``."""
    host = address.rsplit(":", 1)[0] if ":" in address else address
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def is_loopback(address: str) -> bool:
    host = host_of(address).strip().lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
