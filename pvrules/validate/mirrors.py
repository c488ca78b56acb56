"""Document-upload and mirror sites: their addresses are never shown to a reader (brief §0)."""

from __future__ import annotations

from urllib.parse import urlparse

MIRROR_SITES = ("5dok", "docplayer", "docslib", "9pdf", "vdocument", "vdocuments", "expydoc",
                "fdocuments", "studylib", "scribd", "ptop.only.wip.la", "dokumen.tips",
                "documents.pub", "pdfslide", "silo.tips", "kipdf", "zbook", "pdfcoffee",
                "yumpu", "doczz", "documen.site", "dokumen.pub", "idoc.pub")
"""Upload and mirror sites whose addresses a reader never sees (matched in the host name)."""


def is_mirror(url: str) -> bool:
    """Whether ``url`` points at a document-upload or mirror site."""
    host = (urlparse(url).hostname or url).lower()
    return any(site in host for site in MIRROR_SITES)
