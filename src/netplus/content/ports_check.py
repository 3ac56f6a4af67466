"""Port numbers written next to a protocol's name must agree with the system's services database.

Only explicit pairings are read, such as "SSH (TCP 22)", "SSH uses TCP port 22", "HTTPS port 443",
"TCP 22 (SSH)", and matching pairs whose sides are a protocol name and a port. A name the services
database does not list is not checked.
"""

import re
import socket
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from netplus.content.models import Matching, Question
from netplus.content.problems import Problem

# Exam names and the services-database names they go by.
SERVICE_NAMES: dict[str, tuple[str, ...]] = {
    "FTP": ("ftp", "ftp-data"), "SFTP": ("ssh",), "SSH": ("ssh",), "Telnet": ("telnet",), "SMTP": ("smtp",),
    "DNS": ("domain",), "DHCP": ("bootps", "bootpc"), "TFTP": ("tftp",), "HTTP": ("http",),
    "NTP": ("ntp",), "SNMP": ("snmp", "snmp-trap"), "LDAP": ("ldap",), "HTTPS": ("https",),
    "SMB": ("microsoft-ds",), "Syslog": ("syslog",), "LDAPS": ("ldaps",), "RDP": ("ms-wbt-server",),
    "SIP": ("sip", "sip-tls"), "IMAP": ("imap2",), "IMAPS": ("imaps",), "POP3": ("pop3",), "POP3S": ("pop3s",),
    "Kerberos": ("kerberos",), "RADIUS": ("radius", "radius-acct"), "BGP": ("bgp",), "MySQL": ("mysql",),
    "TACACS+": ("tacacs",), "NetBIOS": ("netbios-ns", "netbios-dgm", "netbios-ssn"),
}
# Where CompTIA's objectives and the services database differ, the exam's number is also accepted:
# SFTP is SSH's file transfer (22; the database's "sftp" is an older protocol on 115), and CompTIA
# lists SMTPS as 587 (the database calls 587 "submission" and 465 "smtps").
EXAM_PORTS: dict[str, set[int]] = {"SMTPS": {465, 587}, "SQL Server": {1433}}

NAMES = "|".join(re.escape(n) for n in sorted({*SERVICE_NAMES, *EXAM_PORTS}, key=len, reverse=True))
PORTS = r"(\d{1,5}(?:\s*(?:/|,|and|or)\s*\d{1,5})*)"
TRANSPORT = r"(?:TCP|UDP)(?:\s*(?:/|and|or)\s*(?:TCP|UDP))?"
PATTERNS = [
    re.compile(rf"(?<![\w-])(?P<name>{NAMES})(?![\w-])\s*\(\s*(?:{TRANSPORT}\s*)?(?:ports?\s*)?{PORTS}\s*\)"),
    re.compile(rf"(?<![\w-])(?P<name>{NAMES})(?![\w-])\s+(?:uses\s+|on\s+|over\s+)?{TRANSPORT}\s+(?:ports?\s+)?{PORTS}"),
    re.compile(rf"(?<![\w-])(?P<name>{NAMES})(?![\w-])\s+ports?\s+{PORTS}"),
    re.compile(rf"{TRANSPORT}\s+(?:ports?\s+)?{PORTS}\s*\(\s*(?P<name>{NAMES})\s*\)"),
]


@cache
def known_ports(name: str) -> frozenset[int]:
    ports = set(EXAM_PORTS.get(name, set()))
    for service in SERVICE_NAMES.get(name, ()):
        for proto in ("tcp", "udp"):
            try:
                ports.add(socket.getservbyname(service, proto))
            except OSError:
                continue
    return frozenset(ports)


def wrong_ports(name: str, numbers: Iterable[int]) -> list[int]:
    allowed = known_ports(name)
    return [n for n in numbers if allowed and n not in allowed]


def numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d{1,5}", text)]


def check_text(file: Path, text: str) -> list[Problem]:
    problems = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for pattern in PATTERNS:
            for match in pattern.finditer(line):
                for n in wrong_ports(match["name"], numbers_in(match.group(2) if match.lastindex else "")):
                    problems.append(port_problem(file, lineno, match["name"], n))
    return problems


def check_matching(question: Question, file: Path, line: int) -> list[Problem]:
    if not isinstance(question, Matching):
        return []
    right = {r.id: r.text for r in question.right}
    problems = []
    for left in question.left:
        name = left.text.strip()
        paired = right[question.answer[left.id]]
        if name in SERVICE_NAMES or name in EXAM_PORTS:
            for n in wrong_ports(name, numbers_in(paired)):
                problems.append(port_problem(file, line, name, n))
    return problems


def port_problem(file: Path, line: int, name: str, port: int) -> Problem:
    allowed = ", ".join(str(p) for p in sorted(known_ports(name)))
    return Problem(file, line, f"{name} is paired with port {port}; the services database gives {allowed}")
