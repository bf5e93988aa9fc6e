"""The subscribed feeds as an OPML file: the list every feed reader imports and exports, so
`<corpus>/feeds.opml` can be read, edited by hand, and taken to another reader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import FeedError
from ..text import one_line


@dataclass(frozen=True)
class Subscription:
    """One subscribed feed."""

    url: str
    title: str | None = None
    """The name the list gives it (OPML's `text`), when it gives one."""


def outlines(raw: bytes, where: str) -> list[Subscription]:
    """Every feed an OPML document lists (an outline with `xmlUrl`, at any depth), in order.

    The XML is parsed without entities, DTDs or network; FeedError when it is not OPML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"{where} is not valid XML ({one_line(str(exc))}). Fix it, or give an "
                        "OPML file exported by a feed reader.") from None
    if root is None or root.tag != "opml":
        raise FeedError(f"{where} is not an OPML list of feeds. Give a feed's http(s) "
                        "address, or an OPML file exported by a feed reader.")
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            title = one_line(outline.get("title") or outline.get("text") or "")
            # `dumps` writes the address as the text of a feed it has no title for.
            found.append(Subscription(url, title if title and title != url else None))
    return found


def dumps(subscriptions: Iterable[Subscription]) -> bytes:
    """An OPML 2.0 document listing the feeds."""
    from lxml import etree

    root = etree.Element("opml", version="2.0")
    etree.SubElement(etree.SubElement(root, "head"), "title").text = "qa feeds"
    body = etree.SubElement(root, "body")
    for sub in subscriptions:
        etree.SubElement(body, "outline", type="rss", text=sub.title or sub.url, xmlUrl=sub.url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
