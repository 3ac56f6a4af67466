"""The ports-and-protocols drill (objective 1.4), generated from a seed over a curated table.

The table holds exactly the protocols the N10-009 objective lists, with the port numbers CompTIA uses,
each port with its transport and the IANA service name /etc/services gives it, so a test can check every
number against ``socket.getservbyname``. Where CompTIA's name and the IANA name disagree the entry says
so in ``SERVICE_NAME_EXCEPTIONS`` instead of silently differing.

Transport is what the protocol really uses, not only what a flash card says: DNS, LDAP, HTTPS (HTTP/3
over QUIC), RDP and SIP use both TCP and UDP, so the "which uses UDP" question draws its answer only from
UDP-only protocols and its distractors only from TCP-only ones; that keeps exactly one option right.
"""

import random
from dataclasses import dataclass
from typing import Literal

from netplus.content.generators.subnetting import rng_for
from netplus.content.models import Choice, Difficulty, FillBlank, Matching, MultipleChoice

Transport = Literal["TCP", "UDP", "TCP/UDP"]
OBJECTIVES = ["1.4"]


@dataclass(frozen=True)
class Port:
    number: int
    transport: Transport
    user: str  # completes "By default, <user> uses port N": the protocol, or the role that listens on it
    service: str  # the IANA service name (/etc/services) for this number


@dataclass(frozen=True)
class Protocol:
    name: str
    full: str
    purpose: str  # what it is for, used as a hint that does not name the protocol
    ports: tuple[Port, ...]
    difficulty: Difficulty = "intermediate"
    note: str = ""

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(p.number for p in self.ports)

    @property
    def port_text(self) -> str:
        return "/".join(str(p.number) for p in self.ports)

    @property
    def transports(self) -> frozenset[str]:
        return frozenset(t for p in self.ports for t in p.transport.split("/"))

    def summary(self) -> str:
        ports = " and ".join(f"{p.transport} {p.number}" + (f" ({p.user})" if len(self.ports) > 1 else "")
                             for p in self.ports)
        named = self.name if self.full == self.name else f"{self.name} ({self.full})"
        return f"{named} uses {ports}" + (f" ({self.note})" if self.note else "")


def _one(number: int, transport: Transport, name: str, service: str) -> tuple[Port, ...]:
    return (Port(number, transport, name, service),)


TABLE: tuple[Protocol, ...] = (
    Protocol("FTP", "File Transfer Protocol", "transferring files with a separate control and data connection",
             (Port(20, "TCP", "FTP's active-mode data connection", "ftp-data"),
              Port(21, "TCP", "FTP's control connection", "ftp")), "beginner"),
    Protocol("SFTP", "SSH File Transfer Protocol", "transferring files inside an encrypted remote shell session",
             _one(22, "TCP", "SFTP", "ssh"), note="it runs as a subsystem of SSH"),
    Protocol("SSH", "Secure Shell", "encrypted command-line administration of remote devices",
             _one(22, "TCP", "SSH", "ssh"), "beginner"),
    Protocol("Telnet", "Telnet", "unencrypted command-line access to remote devices",
             _one(23, "TCP", "Telnet", "telnet"), "beginner"),
    Protocol("SMTP", "Simple Mail Transfer Protocol", "relaying email between mail servers",
             _one(25, "TCP", "SMTP", "smtp"), "beginner"),
    Protocol("DNS", "Domain Name System", "resolving host names to IP addresses",
             _one(53, "TCP/UDP", "DNS", "domain"), "beginner",
             note="UDP for most queries, TCP for zone transfers and large responses"),
    Protocol("DHCP", "Dynamic Host Configuration Protocol", "automatically assigning IP addresses to hosts",
             (Port(67, "UDP", "a DHCP server", "bootps"), Port(68, "UDP", "a DHCP client", "bootpc"))),
    Protocol("TFTP", "Trivial File Transfer Protocol", "simple unauthenticated file transfers such as device images",
             _one(69, "UDP", "TFTP", "tftp")),
    Protocol("HTTP", "Hypertext Transfer Protocol", "unencrypted web traffic",
             _one(80, "TCP", "HTTP", "http"), "beginner"),
    Protocol("NTP", "Network Time Protocol", "synchronizing device clocks",
             _one(123, "UDP", "NTP", "ntp")),
    Protocol("SNMP", "Simple Network Management Protocol", "polling and monitoring network devices",
             (Port(161, "UDP", "an SNMP agent answering get/set requests", "snmp"),
              Port(162, "UDP", "an SNMP manager receiving traps", "snmp-trap"))),
    Protocol("LDAP", "Lightweight Directory Access Protocol", "querying a directory service without encryption",
             _one(389, "TCP/UDP", "LDAP", "ldap"), note="UDP only for connectionless LDAP (domain controller lookups)"),
    Protocol("HTTPS", "Hypertext Transfer Protocol Secure", "encrypted web traffic",
             _one(443, "TCP/UDP", "HTTPS", "https"), "beginner", note="UDP for HTTP/3 over QUIC"),
    Protocol("SMB", "Server Message Block", "Windows file and printer sharing",
             _one(445, "TCP", "SMB", "microsoft-ds")),
    Protocol("Syslog", "Syslog", "sending log messages to a central collector",
             _one(514, "UDP", "Syslog", "syslog"),
             note="TCP 514 and TLS on 6514 also exist, but UDP 514 is the default"),
    Protocol("SMTPS", "Simple Mail Transfer Protocol Secure", "sending email from a client over an encrypted session",
             _one(587, "TCP", "SMTPS", "submission"),
             note="CompTIA lists SMTPS as 587, which IANA names 'submission': mail submission secured with STARTTLS"),
    Protocol("LDAPS", "Lightweight Directory Access Protocol over SSL", "querying a directory service over TLS",
             _one(636, "TCP", "LDAPS", "ldaps")),
    Protocol("SQL Server", "Microsoft SQL Server", "connecting clients to a Microsoft database engine",
             _one(1433, "TCP", "SQL Server", "ms-sql-s"), "advanced"),
    Protocol("RDP", "Remote Desktop Protocol", "graphical remote desktop sessions to Windows hosts",
             _one(3389, "TCP/UDP", "RDP", "ms-wbt-server"), note="UDP carries the display stream when available"),
    Protocol("SIP", "Session Initiation Protocol", "setting up and tearing down VoIP calls",
             (Port(5060, "TCP/UDP", "unencrypted SIP signaling", "sip"),
              Port(5061, "TCP", "SIP over TLS", "sip-tls"))),
)

# Where looking the exam's name up in /etc/services gives another port, and why the table is still right.
SERVICE_NAME_EXCEPTIONS: dict[str, str] = {
    "SMTPS": "'smtps' is an alias of 465 (submissions, RFC 8314); CompTIA's SMTPS port 587 is 'submission'.",
    "SFTP": "'sftp' (115) is the old Simple File Transfer Protocol; the SSH File Transfer Protocol uses SSH's 22.",
}

_WORDS = {"TCP": "TCP", "UDP": "UDP", "TCP/UDP": "TCP and UDP"}
_IDS = "abcdefgh"


def _pick_distractors(rng: random.Random, right: Protocol, avoid: frozenset[int], count: int) -> list[Protocol]:
    """Protocols that share no port with ``avoid``: neighbours in port number first, as those get confused."""
    pool = [p for p in TABLE if p is not right and not p.numbers & avoid]
    near = sorted(pool, key=lambda p: min(abs(n - a) for n in p.numbers for a in avoid))[: count + 2]
    chosen = rng.sample(near, count - 1)
    chosen.append(rng.choice([p for p in pool if p not in chosen]))
    return chosen


def port_to_protocol(seed: int) -> MultipleChoice:
    rng = rng_for(seed)
    right = rng.choice(TABLE)
    port = rng.choice(right.ports)
    options = [right, *_pick_distractors(rng, right, frozenset({port.number}), 3)]
    rng.shuffle(options)
    others = "; ".join(p.summary() for p in options if p is not right)
    return MultipleChoice(
        id=f"gen-ports-port-to-protocol-{seed}", type="multiple_choice", difficulty=right.difficulty,
        objectives=OBJECTIVES, question=f"Which protocol uses {_WORDS[port.transport]} port {port.number} by default?",
        options=[Choice(id=_IDS[i], text=p.name) for i, p in enumerate(options)],
        answer=_IDS[options.index(right)],
        explanation=f"{right.summary()}. The other options use other ports: {others}.",
        hints=[f"This protocol is used for {right.purpose}."])


def protocol_to_port(seed: int) -> FillBlank:
    rng = rng_for(seed)
    right = rng.choice(TABLE)
    port = rng.choice(right.ports)
    band = "a well-known port (0-1023)" if port.number < 1024 else "a registered port (1024-49151)"
    return FillBlank(
        id=f"gen-ports-protocol-to-port-{seed}", type="fill_blank", difficulty=right.difficulty,
        objectives=OBJECTIVES,
        question=f"By default, {port.user} uses {_WORDS[port.transport]} port ____.",
        answer=[str(port.number)],
        explanation=f"{right.summary()}.",
        hints=[f"It is {band}."])


def matching(seed: int) -> Matching:
    rng = rng_for(seed)
    chosen: list[Protocol] = []
    taken: frozenset[int] = frozenset()
    while len(chosen) < 4 + 2:  # four pairs plus two ports that belong to none of them
        candidate = rng.choice(TABLE)
        if not candidate.numbers & taken:
            chosen.append(candidate)
            taken |= candidate.numbers
    pairs, extra = chosen[:4], chosen[4:]
    right = [*pairs, *extra]
    rng.shuffle(right)
    return Matching(
        id=f"gen-ports-matching-{seed}", type="matching", difficulty="intermediate", objectives=OBJECTIVES,
        question="Match each protocol with its default port or ports. Two of the ports are not used.",
        left=[Choice(id=f"l{i + 1}", text=p.name) for i, p in enumerate(pairs)],
        right=[Choice(id=f"r{i + 1}", text=p.port_text) for i, p in enumerate(right)],
        answer={f"l{i + 1}": f"r{right.index(p) + 1}" for i, p in enumerate(pairs)},
        explanation=" ".join(f"{p.summary()}." for p in pairs) + " The unused ports belong to protocols not listed: "
        + " and ".join(f"{p.port_text} ({p.name})" for p in extra) + ".",
        hints=["Start with the ports you are sure of and eliminate.",
               "Secure variants of a protocol have their own port."])


def udp_protocol(seed: int) -> MultipleChoice:
    rng = rng_for(seed)
    right = rng.choice([p for p in TABLE if p.transports == {"UDP"}])
    options = [right, *rng.sample([p for p in TABLE if p.transports == {"TCP"}], 3)]
    rng.shuffle(options)
    return MultipleChoice(
        id=f"gen-ports-udp-{seed}", type="multiple_choice", difficulty="intermediate", objectives=OBJECTIVES,
        question="Which of the following protocols uses UDP rather than TCP by default?",
        options=[Choice(id=_IDS[i], text=p.name) for i, p in enumerate(options)],
        answer=_IDS[options.index(right)],
        explanation=(f"{right.summary()}: short request/response or fire-and-forget traffic that does not need "
                     "TCP's connection setup. The others need reliable, ordered delivery and use TCP: "
                     + "; ".join(p.summary() for p in options if p is not right) + "."),
        hints=["Which of these sends small messages where a lost one is simply resent or ignored?"])
