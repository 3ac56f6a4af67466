"""Generated practice that never runs out: subnetting, IPv6 addressing and ports-and-protocols questions.

``generate(kind, seed)`` returns a validated question model (content/FORMAT.md shapes) that is a pure
function of its arguments, so storing ``(kind, seed)`` is enough to show the same question at review
time, and its id (``gen-<kind>-<seed>``) is stable. Answers are computed (``ipaddress``, the ports
table), never typed in. There is no registry to add to: the kinds are a closed enum, and adding one means
adding a member and its function here, where mypy and the tests see it.
"""

from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from netplus.content.generators import ports, subnetting
from netplus.content.models import Question


class Kind(StrEnum):
    """Every kind of generated question; the value is the middle of the question id."""

    SUBNET_NETWORK = "subnet-network"
    SUBNET_BROADCAST = "subnet-broadcast"
    SUBNET_FIRST_HOST = "subnet-first-host"
    SUBNET_LAST_HOST = "subnet-last-host"
    SUBNET_HOSTS = "subnet-hosts"
    SUBNET_MASK_TO_PREFIX = "subnet-mask-to-prefix"
    SUBNET_PREFIX_TO_MASK = "subnet-prefix-to-mask"
    SUBNET_WHICH = "subnet-which"
    SUBNET_VLSM = "subnet-vlsm"
    IPV6_PREFIX = "ipv6-prefix"
    IPV6_SUBNETS = "ipv6-subnets"
    IPV6_COMPRESS = "ipv6-compress"
    IPV6_EXPAND = "ipv6-expand"
    IPV6_TYPE = "ipv6-type"
    PORTS_PORT_TO_PROTOCOL = "ports-port-to-protocol"
    PORTS_PROTOCOL_TO_PORT = "ports-protocol-to-port"
    PORTS_MATCHING = "ports-matching"
    PORTS_UDP = "ports-udp"


KINDS: Final[tuple[Kind, ...]] = tuple(Kind)

_BUILD: Final[Mapping[Kind, Callable[[int], Question]]] = MappingProxyType({
    Kind.SUBNET_NETWORK: subnetting.network,
    Kind.SUBNET_BROADCAST: subnetting.broadcast,
    Kind.SUBNET_FIRST_HOST: subnetting.first_host,
    Kind.SUBNET_LAST_HOST: subnetting.last_host,
    Kind.SUBNET_HOSTS: subnetting.host_count,
    Kind.SUBNET_MASK_TO_PREFIX: subnetting.mask_to_prefix,
    Kind.SUBNET_PREFIX_TO_MASK: subnetting.prefix_to_mask,
    Kind.SUBNET_WHICH: subnetting.which_subnet,
    Kind.SUBNET_VLSM: subnetting.vlsm,
    Kind.IPV6_PREFIX: subnetting.ipv6_prefix,
    Kind.IPV6_SUBNETS: subnetting.ipv6_subnets,
    Kind.IPV6_COMPRESS: subnetting.ipv6_compress,
    Kind.IPV6_EXPAND: subnetting.ipv6_expand,
    Kind.IPV6_TYPE: subnetting.ipv6_type,
    Kind.PORTS_PORT_TO_PROTOCOL: ports.port_to_protocol,
    Kind.PORTS_PROTOCOL_TO_PORT: ports.protocol_to_port,
    Kind.PORTS_MATCHING: ports.matching,
    Kind.PORTS_UDP: ports.udp_protocol,
})


def generate(kind: Kind | str, seed: int) -> Question:
    """The question of ``kind`` for ``seed`` (a non-negative integer); the same arguments, the same question.

    Raises ValueError for an unknown kind or a negative seed.
    """
    return _BUILD[Kind(kind)](seed)


__all__ = ["KINDS", "Kind", "generate"]
