"""IPv4 subnetting and IPv6 addressing questions, generated from a seed.

Every answer is computed with :mod:`ipaddress`, never remembered, and every question is a pure function
of its seed (one ``random.Random(seed)``, no global state), so a review shows the same question again.
Answers with a canonical written form (addresses, masks, networks) are simulation text fields with a
``normalize`` rule, so ``192.168.1.0`` and `` 192.168.1.0 `` score alike; bare numbers are fill_blank.

Host questions draw prefixes from /8-/30 only: the /31 (RFC 3021) and /32 special cases would need the
question to state them, and the classic "minus two" rule is what objective 1.7 tests. IPv6 questions
belong to objective 1.8 (exam.yaml: "IPv6 addressing"), since 1.7 is IPv4 addressing.
"""

import random
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network
from typing import Literal

from netplus.content.models import Choice, Difficulty, FillBlank, MultipleChoice, Simulation, SimulationField

IPV4 = ["1.7"]
IPV6 = ["1.8"]
# Private blocks (RFC 1918) a generated address may come from; None stands for a public address.
_PRIVATE = [IPv4Network("10.0.0.0/8"), IPv4Network("172.16.0.0/12"), IPv4Network("192.168.0.0/16")]
_V6_TYPES = [("Global unicast", "2000::/3"), ("Unique local", "fc00::/7"), ("Link-local", "fe80::/10"),
             ("Multicast", "ff00::/8")]


def rng_for(seed: int) -> random.Random:
    """The only source of randomness: a generator private to this question."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"a question seed is a non-negative integer, not {seed!r}")
    return random.Random(seed)  # noqa: S311 - practice questions need reproducibility, not secrecy


def _text_field(fid: str, label: str, normalize: Literal["cidr", "ipv4", "lower"]) -> SimulationField:
    return SimulationField(id=fid, label=label, kind="text", normalize=normalize)


def _host_prefix(rng: random.Random) -> int:
    """/24-/30 most often (what the exam asks most), then /16-/23, then /8-/15."""
    band = rng.choices([(24, 30), (16, 23), (8, 15)], weights=[6, 3, 1])[0]
    return rng.randint(*band)


def _interface(rng: random.Random, prefix: int) -> tuple[IPv4Address, IPv4Network]:
    """A usable host address (never the network or broadcast) in a private or public subnet."""
    blocks = [b for b in _PRIVATE if b.prefixlen <= prefix]
    block = rng.choice([*blocks, None])
    while True:
        if block is None:
            value = rng.randrange(1 << 24, 224 << 24)  # 1.0.0.0-223.255.255.255, then keep only public ones
        else:
            value = int(block.network_address) + rng.randrange(block.num_addresses)
        net = IPv4Network((value, prefix), strict=False)
        host = IPv4Address(int(net.network_address) + rng.randrange(1, net.num_addresses - 1))
        if block is not None or host.is_global:
            return host, net


def _difficulty(prefix: int) -> Difficulty:
    if prefix % 8 == 0:
        return "beginner"
    return "intermediate" if prefix > 24 else "advanced"


def _working(host: IPv4Address, net: IPv4Network) -> str:
    """The block-size method, step by step, as a student would do it on paper."""
    p, mask = net.prefixlen, net.netmask
    if p % 8 == 0:
        return (f"A /{p} mask ({mask}) ends on an octet boundary: keep the first {p // 8} octet(s) of {host} and "
                f"set the rest to 0 for the network ({net.network_address}) or to 255 for the broadcast "
                f"({net.broadcast_address}).")
    i = p // 8
    m = mask.packed[i]
    block = 256 - m
    value = host.packed[i]
    start = value // block * block
    rest = " (the octets after it run 0-255)" if i < 3 else ""
    return (f"A /{p} mask is {mask}. The interesting octet is octet {i + 1} (mask value {m}), so the block size "
            f"is 256 - {m} = {block}. Octet {i + 1} of {host} is {value}, and {value} // {block} x {block} = "
            f"{start}, so this subnet runs from {start} to {start + block - 1} in that octet{rest}: "
            f"network {net.network_address}, broadcast {net.broadcast_address}.")


def _address_question(seed: int, kind: str) -> Simulation:
    rng = rng_for(seed)
    host, net = _interface(rng, _host_prefix(rng))
    shown = f"{host}/{net.prefixlen}" if rng.random() < 0.5 else f"{host} with the subnet mask {net.netmask}"
    first, last = net.network_address + 1, net.broadcast_address - 1
    ask, label, answer, step, hint = {
        "network": ("the network address (subnet ID) of its subnet", "Network address", net.network_address,
                    "The network address is the lowest address of the subnet (all host bits 0).",
                    "Zero every host bit."),
        "broadcast": ("the broadcast address of its subnet", "Broadcast address", net.broadcast_address,
                      "The broadcast address is the highest address of the subnet (all host bits 1).",
                      "The broadcast is one below the next subnet's network address."),
        "first-host": ("the first usable host address of its subnet", "First usable host", first,
                       f"The first usable host is the network address + 1: {first}.",
                       "The network address itself cannot be assigned to a host."),
        "last-host": ("the last usable host address of its subnet", "Last usable host", last,
                      f"The last usable host is the broadcast address - 1: {last}.",
                      "The broadcast address itself cannot be assigned to a host."),
    }[kind]
    return Simulation(
        id=f"gen-subnet-{kind}-{seed}", type="simulation", difficulty=_difficulty(net.prefixlen), objectives=IPV4,
        question=f"A host is configured with {shown}. What is {ask}? Write it in dotted-decimal notation.",
        fields=[_text_field("answer", label, "ipv4")], answer={"answer": [str(answer)]},
        explanation=f"{_working(host, net)} {step}",
        hints=["Find the block size: 256 minus the mask value in the interesting octet.", hint])


def network(seed: int) -> Simulation:
    return _address_question(seed, "network")


def broadcast(seed: int) -> Simulation:
    return _address_question(seed, "broadcast")


def first_host(seed: int) -> Simulation:
    return _address_question(seed, "first-host")


def last_host(seed: int) -> Simulation:
    return _address_question(seed, "last-host")


def host_count(seed: int) -> FillBlank:
    rng = rng_for(seed)
    _, net = _interface(rng, _host_prefix(rng))
    bits = 32 - net.prefixlen
    count = 2**bits - 2
    shown = str(net) if rng.random() < 0.5 else f"{net.network_address} with the mask {net.netmask}"
    return FillBlank(
        id=f"gen-subnet-hosts-{seed}", type="fill_blank", difficulty=_difficulty(net.prefixlen), objectives=IPV4,
        question=f"The subnet {shown} provides ____ usable host addresses.",
        answer=list(dict.fromkeys([str(count), f"{count:,}"])),
        explanation=(f"A /{net.prefixlen} leaves 32 - {net.prefixlen} = {bits} host bits: 2^{bits} = {2**bits} "
                     f"addresses, minus the network and broadcast addresses = {count} usable hosts."),
        hints=["Count the host bits: 32 minus the prefix length.", "Two addresses in every subnet are reserved."])


def _mask_bits(prefix: int) -> str:
    octets = IPv4Network(f"0.0.0.0/{prefix}").netmask.packed
    return " + ".join(f"{bin(o).count('1')} ({o})" for o in octets)


def mask_to_prefix(seed: int) -> FillBlank:
    rng = rng_for(seed)
    prefix = rng.randint(8, 32)
    mask = IPv4Network(f"0.0.0.0/{prefix}").netmask
    return FillBlank(
        id=f"gen-subnet-mask-to-prefix-{seed}", type="fill_blank", difficulty=_difficulty(prefix), objectives=IPV4,
        question=f"Written as a CIDR prefix length, the subnet mask {mask} is ____.",
        answer=[f"/{prefix}", str(prefix)],
        explanation=(f"Count the 1 bits in each octet of {mask}: {_mask_bits(prefix)} = {prefix} bits, "
                     f"so the prefix is /{prefix}."),
        hints=["Each 255 octet is 8 one-bits.", "128, 192, 224, 240, 248, 252, 254 are 1-7 one-bits."])


def prefix_to_mask(seed: int) -> Simulation:
    rng = rng_for(seed)
    prefix = rng.randint(8, 32)
    mask = IPv4Network(f"0.0.0.0/{prefix}").netmask
    return Simulation(
        id=f"gen-subnet-prefix-to-mask-{seed}", type="simulation", difficulty=_difficulty(prefix), objectives=IPV4,
        question=f"Write the dotted-decimal subnet mask for a /{prefix} prefix.",
        fields=[_text_field("mask", "Subnet mask", "ipv4")], answer={"mask": [str(mask)]},
        explanation=(f"/{prefix} is {prefix // 8} full octet(s) of 8 one-bits plus {prefix % 8} more, "
                     f"filled from the left: {_mask_bits(prefix)}. The mask is {mask}."),
        hints=["Write the prefix as 8 + 8 + ... with the remainder last.",
               "n one-bits at the left of an octet are worth 256 - 2^(8-n)."])


def which_subnet(seed: int) -> MultipleChoice:
    rng = rng_for(seed)
    host, net = _interface(rng, rng.randint(18, 30))
    size = net.num_addresses
    candidates = [int(net.network_address) + k * size for k in (-3, -2, -1, 1, 2, 3)]
    others = [IPv4Network((c, net.prefixlen)) for c in candidates if 0 <= c < 1 << 32]
    subnets = [net, *rng.sample(others, 3)]
    rng.shuffle(subnets)
    ids = "abcd"
    spans = "; ".join(f"{s} spans {s.network_address}-{s.broadcast_address}" for s in subnets)
    return MultipleChoice(
        id=f"gen-subnet-which-{seed}", type="multiple_choice", difficulty=_difficulty(net.prefixlen),
        objectives=IPV4,
        question=f"A host has the address {host} and the mask /{net.prefixlen}. Which subnet is it in?",
        options=[Choice(id=ids[i], text=str(s)) for i, s in enumerate(subnets)],
        answer=ids[subnets.index(net)],
        explanation=f"{_working(host, net)} Checking each option: {spans}. Only {net} contains {host}.",
        hints=["Work out the block size from the mask, then list the subnet boundaries."])


def _vlsm_plan(rng: random.Random, block_prefix: int, sites: int) -> list[int]:
    """Host bits per site: distinct host counts, each subnet at most half the block, all fitting."""
    while True:
        bits = [rng.randint(2, 31 - block_prefix) for _ in range(sites)]
        if sum(2**b for b in bits) <= 2 ** (32 - block_prefix):
            return bits


def vlsm(seed: int) -> Simulation:
    rng = rng_for(seed)
    block_prefix = rng.choice([22, 23, 24, 24, 24, 25])
    _, block = _interface(rng, block_prefix)
    letters = "ABCD"[: rng.choice([3, 4])]
    while True:
        bits = _vlsm_plan(rng, block_prefix, len(letters))
        # the smallest subnet for n hosts has b host bits when 2^(b-1) - 2 < n <= 2^b - 2
        hosts = [rng.randint(max(2, 2 ** (b - 1) - 1), 2**b - 2) for b in bits]
        if len(set(hosts)) == len(hosts):
            break
    order = sorted(range(len(letters)), key=lambda i: -hosts[i])
    answer: dict[str, str | list[str]] = {}
    steps = []
    cursor = int(block.network_address)
    for i in order:
        subnet = IPv4Network((cursor, 32 - bits[i]))
        answer[f"site_{letters[i].lower()}"] = [str(subnet)]
        smaller = f"; a /{33 - bits[i]} gives only {2 ** (bits[i] - 1) - 2}" if bits[i] > 2 else ""
        steps.append(f"Site {letters[i]} needs {hosts[i]}: /{32 - bits[i]} gives {2 ** bits[i] - 2}{smaller}, "
                     f"so {subnet}.")
        cursor += 2 ** bits[i]
    used = cursor - int(block.network_address)
    exhibit = "\n".join(f"Site {letter}: {hosts[i]} hosts" for i, letter in enumerate(letters))
    return Simulation(
        id=f"gen-subnet-vlsm-{seed}", type="simulation", difficulty="advanced", objectives=IPV4, points=3,
        question=(f"You are given {block} for {len(letters)} sites (see the exhibit for the usable host addresses "
                  "each site needs). Allocate with VLSM: take the sites from the largest host count to the "
                  "smallest; give each the smallest subnet whose usable hosts (2^host bits - 2) cover its count; "
                  f"place each subnet at the lowest free address, starting at {block.network_address} with no "
                  "gaps. Write each site's subnet in CIDR notation."),
        exhibit=f"```text\n{exhibit}\n```",
        fields=[_text_field(f"site_{c.lower()}", f"Site {c} subnet (CIDR)", "cidr") for c in letters],
        answer={f"site_{c.lower()}": answer[f"site_{c.lower()}"] for c in letters},
        explanation=(" ".join(steps) + f" Largest first keeps every subnet aligned on its own block size; "
                     f"{used} of the {block.num_addresses} addresses in {block} are used."),
        hints=["Sort the sites by host count, largest first.",
               "Each subnet starts where the previous one ended (its broadcast + 1)."])


def _v6_groups(rng: random.Random, count: int) -> list[int]:
    """Hextets with zeros and short values, so compression and leading zeros both matter."""
    return [rng.choice([0, 0, rng.randrange(1, 0x100), rng.randrange(0x1000, 0x10000)]) for _ in range(count)]


def _v6_global(rng: random.Random, documentation: bool = True) -> list[int]:
    if documentation and rng.random() < 0.5:
        return [0x2001, 0xDB8, *_v6_groups(rng, 6)]  # the documentation prefix, as textbooks use it
    while True:
        groups = [rng.randrange(0x2000, 0x4000), rng.randrange(0x10000), *_v6_groups(rng, 6)]
        if _v6(groups).is_global:
            return groups


def _v6(groups: list[int]) -> IPv6Address:
    return IPv6Address(":".join(f"{g:x}" for g in groups))


def ipv6_prefix(seed: int) -> Simulation:
    rng = rng_for(seed)
    prefix = rng.choice([32, 40, 48, 56, 60, 64, 64, 64])
    while True:
        address = _v6(_v6_global(rng) if rng.random() < 0.8 else [0xFD00 + rng.randrange(0x100),
                                                                  *_v6_groups(rng, 7)])
        net = IPv6Network((address, prefix), strict=False)
        if address != net.network_address:
            break
    whole, part = divmod(prefix, 16)
    keep = f"the first {whole} groups" + (f" and the first {part // 4} hex digit(s) of the next" if part else "")
    return Simulation(
        id=f"gen-ipv6-prefix-{seed}", type="simulation", difficulty="intermediate" if not part else "advanced",
        objectives=IPV6,
        question=f"A host has the IPv6 address {address.compressed}/{prefix}. What is its network prefix?",
        fields=[_text_field("prefix", "Network prefix (CIDR)", "cidr")], answer={"prefix": [net.compressed]},
        explanation=(f"/{prefix} keeps {prefix} bits = {prefix // 4} hex digits: {keep}. Expanded, the address is "
                     f"{address.exploded}; zeroing everything after those digits gives {net.exploded}, "
                     f"which compresses to {net.compressed}."),
        hints=["Each hex digit is 4 bits and each group is 16 bits.", "Expand the address before you cut it."])


def ipv6_subnets(seed: int) -> FillBlank:
    rng = rng_for(seed)
    prefix = rng.choice([48, 48, 56, 56, 52, 60])
    net = IPv6Network((_v6(_v6_global(rng)), prefix), strict=False)
    bits = 64 - prefix
    return FillBlank(
        id=f"gen-ipv6-subnets-{seed}", type="fill_blank", difficulty="intermediate", objectives=IPV6,
        question=f"An organization is assigned {net.compressed}. It can divide this into ____ /64 subnets.",
        answer=list(dict.fromkeys([str(2**bits), f"{2**bits:,}", f"2^{bits}"])),
        explanation=f"64 - {prefix} = {bits} subnet bits, and 2^{bits} = {2**bits:,} subnets of /64.",
        hints=["Subtract the assigned prefix length from 64.", "Each extra bit doubles the number of subnets."])


def _compress_steps(address: IPv6Address) -> str:
    trimmed = ":".join(f"{int(g, 16):x}" for g in address.exploded.split(":"))
    return (f"Drop the leading zeros in each group: {trimmed}. Then replace the longest run of two or more "
            f"all-zero groups (the first one if two runs tie) with '::', once: {address.compressed}.")


def ipv6_compress(seed: int) -> Simulation:
    rng = rng_for(seed)
    while True:
        address = _v6(_v6_global(rng))
        if "::" in address.compressed:
            break
    return Simulation(
        id=f"gen-ipv6-compress-{seed}", type="simulation", difficulty="intermediate", objectives=IPV6,
        question=(f"Write {address.exploded} in its shortest (RFC 5952 canonical) form: no leading zeros, and "
                  "'::' replacing the longest run of two or more all-zero groups."),
        fields=[_text_field("compressed", "Compressed address", "lower")], answer={"compressed": [address.compressed]},
        explanation=_compress_steps(address) + " '::' may appear only once, or the address would be ambiguous.",
        hints=["Leading zeros go first; then look for runs of 0000 groups.", "Only one '::' per address."])


def ipv6_expand(seed: int) -> Simulation:
    rng = rng_for(seed)
    while True:
        address = _v6(_v6_global(rng))
        if "::" in address.compressed:
            break
    shown = address.compressed
    present = len([g for g in shown.split(":") if g])
    return Simulation(
        id=f"gen-ipv6-expand-{seed}", type="simulation", difficulty="intermediate", objectives=IPV6,
        question=f"Write {shown} in full: all eight groups, four hex digits each.",
        fields=[_text_field("expanded", "Expanded address", "lower")], answer={"expanded": [address.exploded]},
        explanation=(f"{shown} shows {present} groups, so '::' stands for 8 - {present} = {8 - present} groups of "
                     f"0000. Padding every group to four digits gives {address.exploded}."),
        hints=["Count the groups that are written out.", "'::' fills in however many 0000 groups are missing."])


def ipv6_type(seed: int) -> MultipleChoice:
    rng = rng_for(seed)
    kind = rng.randrange(4)
    if kind == 0:  # 2001:db8::/32 is reserved for documentation, so it is not offered as "global" here
        address = _v6(_v6_global(rng, documentation=False))
    elif kind == 1:
        address = _v6([0xFD00 + rng.randrange(0x100), rng.randrange(0x10000), rng.randrange(0x10000),
                       *_v6_groups(rng, 5)])
    elif kind == 2:
        address = _v6([0xFE80, 0, 0, 0, *_v6_groups(rng, 4)])
    else:
        address = _v6([0xFF00 + rng.choice([1, 2, 5, 8, 0xE]), *_v6_groups(rng, 7)])
    rules = "; ".join(f"{name}: {block}" for name, block in _V6_TYPES)
    return MultipleChoice(
        id=f"gen-ipv6-type-{seed}", type="multiple_choice", difficulty="beginner", objectives=IPV6,
        question=f"What type of IPv6 address is {address.compressed}?",
        options=[Choice(id="abcd"[i], text=name) for i, (name, _) in enumerate(_V6_TYPES)],
        answer="abcd"[kind],
        explanation=(f"The leading bits decide the type ({rules}). {address.compressed} starts with "
                     f"{address.exploded[:4]}, which is in {_V6_TYPES[kind][1]}: {_V6_TYPES[kind][0].lower()}."),
        hints=["Look only at the first group.", "2 or 3, fc or fd, fe80, ff: four different prefixes."])
