"""Markdown from the content pack and from authors, rendered to HTML and then sanitized.

Authors are trusted less than the platform: raw HTML in their Markdown is not rendered, and the
result goes through nh3 (an allow-list sanitizer) so no script, event handler or style reaches a page.
"""

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "br", "img"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"},
              "code": {"class"}, "ol": {"start"}}


HEADING = re.compile(r"<(/?)h([1-6])>")


def demote_headings(html: str) -> str:
    """A page has one h1, its title: the Markdown's headings move one level down (h1 -> h2, ... h6 stays)."""
    return HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}>", html)


def scrollable_tables(html: str) -> str:
    """Wide tables and code scroll sideways on a phone; a region that scrolls must take the keyboard focus."""
    return (html.replace("<table>", '<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>')
            .replace("</table>", "</table></div>").replace("<pre>", '<pre tabindex="0">'))


@lru_cache(maxsize=512)
def sanitized_html(text: str) -> str:
    html = demote_headings(MD.render(text))
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    return scrollable_tables(clean)  # after sanitizing: this markup is ours


def render_markdown(text: str | None) -> Markup:
    return Markup(sanitized_html(text or ""))  # noqa: S704 - nh3 has sanitized it
