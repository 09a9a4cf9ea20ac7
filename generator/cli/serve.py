"""``handbook serve``: the live preview, bound to this computer only unless the user insists."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from generator.cli.options import Commands, Exit, add_config_option, configure_logging
from generator.diagnostics import printable

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


def command_serve(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.engine import serve_with_mkdocs

    if not is_loopback(args.address) and not args.allow_remote:
        address = printable(args.address)
        print(
            f"handbook serve: {address} is not a loopback address; the preview is for this computer only.\n"
            "Publish the built site instead, or add --allow-remote if you really mean to share the preview.",
            file=sys.stderr,
        )
        return Exit.USAGE
    configure_logging(verbose=True)
    serve_with_mkdocs(Path(args.config_file), args.address)
    return Exit.OK


def register(commands: Commands) -> None:
    serve = commands.add_parser("serve", help="live preview on 127.0.0.1 (local only)")
    add_config_option(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="address to bind (default: 127.0.0.1:8000)")
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow an address other computers can reach (not recommended)"
    )
    serve.set_defaults(handler=command_serve)
