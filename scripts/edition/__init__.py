"""Scholarly digital editions: TEI P5 from plain sources, HTML and PDF from TEI.

The public API mirrors the `edition` command: see :mod:`edition.api`.
"""

__version__ = "0.1.0"
