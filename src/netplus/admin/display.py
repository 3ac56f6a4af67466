"""How the admin pages write times: in UTC, the zone the analytics days are counted in, so that every
time on these pages can be compared with the daily figures."""

from datetime import UTC, datetime

from markupsafe import Markup


def when(moment: datetime | None, empty: str = "Never") -> Markup:
    """A <time> element in UTC ("3 Mar 2025, 14:05 UTC"), or `empty` for no time."""
    if moment is None:
        return Markup("{}").format(empty)
    utc = moment.astimezone(UTC)
    return Markup('<time datetime="{}">{}</time>').format(utc.isoformat(timespec="seconds"),
                                                          f"{utc:%-d %b %Y, %H:%M} UTC")
