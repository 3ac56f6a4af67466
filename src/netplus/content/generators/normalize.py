"""Answer normalizers: the one place that decides when two typed answers mean the same thing.

Scoring compares ``normalize(kind, typed)`` with ``normalize(kind, accepted)`` for every accepted form
of a field; ``None`` means "not a valid answer of this kind" and never matches anything. The kinds are
the ``normalize`` values content/FORMAT.md allows on simulation text fields, plus ``blank`` for
fill_blank answers (case- and whitespace-insensitive).

Surrounding whitespace is never meaningful in a typed answer, so every kind strips it. Beyond that each
kind accepts only what its notation allows: ``192.168.001.0/26`` is rejected (leading zeros in an IPv4
octet are ambiguous, some parsers read them as octal), a CIDR field needs a ``/prefix`` written as a
plain number (a mask after the slash is not CIDR notation) and no host bits set, and an IPv6 answer may
be compressed or expanded, in any case, but may not carry a zone id (``%eth0`` names an interface on
one host, it is not part of the address).
"""

import ipaddress
import re
from collections.abc import Callable
from typing import Literal, get_args

NormalizeKind = Literal["exact", "lower", "cidr", "ipv4", "ipv6", "mac", "blank"]
NORMALIZE_KINDS: tuple[NormalizeKind, ...] = get_args(NormalizeKind)

_PREFIX = re.compile(r"0|[1-9][0-9]{0,2}")
# A MAC address as people write it: six pairs joined by ':' or '-' (one separator throughout),
# Cisco's three dotted quads of hex digits, or twelve bare hex digits.
_MAC_FORMS = (
    re.compile(r"([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})"),
    re.compile(r"([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})"),
    re.compile(r"([0-9a-f]{12})"),
)


def _ipv4(text: str) -> str | None:
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        return None


def _ipv6(text: str) -> str | None:
    if "%" in text:
        return None
    try:
        return ipaddress.IPv6Address(text).compressed
    except ValueError:
        return None


def _cidr(text: str) -> str | None:
    address, slash, prefix = text.partition("/")
    if not slash or not _PREFIX.fullmatch(prefix) or "%" in address:
        return None
    try:
        return ipaddress.ip_network(f"{address}/{prefix}", strict=True).compressed
    except ValueError:  # a malformed address, a prefix too long for its family, or host bits set
        return None


def _mac(text: str) -> str | None:
    lowered = text.lower()
    for form in _MAC_FORMS:
        match = form.fullmatch(lowered)
        if match:
            digits = "".join(g for g in match.groups() if g not in {":", "-"})
            return ":".join(digits[i:i + 2] for i in range(0, 12, 2))
    return None


_BY_KIND: dict[NormalizeKind, Callable[[str], str | None]] = {
    "exact": lambda text: text,
    "lower": str.lower,
    "blank": lambda text: " ".join(text.split()).casefold(),
    "ipv4": _ipv4,
    "ipv6": _ipv6,
    "cidr": _cidr,
    "mac": _mac,
}


def normalize(kind: NormalizeKind, value: str) -> str | None:
    """The canonical form of ``value`` as an answer of ``kind``, or None when it is not one.

    Canonical forms: ipv4 dotted decimal without leading zeros; ipv6 RFC 5952 (lower case, longest
    zero run compressed); cidr the network in those forms plus ``/prefix``; mac lower-case
    colon-separated pairs; lower the lower-cased text; blank the case-folded text with runs of
    whitespace collapsed to one space; exact the text itself. Empty answers are never valid.
    """
    if kind not in _BY_KIND:
        raise ValueError(f"unknown normalize kind {kind!r}")
    text = value.strip()
    return _BY_KIND[kind](text) if text else None


def accepts(kind: NormalizeKind, value: str, accepted: list[str]) -> bool:
    """Whether ``value`` matches one of the ``accepted`` forms once both sides are normalized."""
    given = normalize(kind, value)
    return given is not None and any(normalize(kind, form) == given for form in accepted)
