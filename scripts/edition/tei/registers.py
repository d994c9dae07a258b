"""tei/registers.xml: every register record of the edition in one TEI file."""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..metadata import EditionMeta
from ..paths import REGISTERS_ID
from ..registry import Registry
from . import source
from .standoff import _langs, record_lists
from .xml import LANGUAGE_NAMES, RESP_EDITION, E, auto_names_resp


def build_registers(registry: Registry, edition: EditionMeta) -> etree._ElementTree:
    """The edition's canonical registers: one TEI file (teiHeader and standOff, no text)
    holding every record of the registry. Each document's standOff copies the records it
    names from the same :func:`record`, so the two never disagree."""
    title = edition.title["en"]
    header = E("teiHeader",
               E("fileDesc",
                 E("titleStmt", E("title", f"{title}: registers of persons, places, "
                                  "organisations and events", type_="main", lang="en"),
                   E("respStmt", E("resp", "Compiled and encoded by"), *source.edition_names(edition),
                     id=RESP_EDITION),
                   auto_names_resp() if registry.drafts else None),
                 E("publicationStmt", E("publisher", edition.publisher),
                   E("idno", REGISTERS_ID, type_="edition"),
                   E("availability", E("licence", edition.licence, target=edition.licence_url))),
                 E("seriesStmt", E("title", title, lang="en")),
                 E("sourceDesc", E("p", "Born digital: compiled by the editors from the "
                                   "edition's registry. Each record says where its authority "
                                   "identifiers, life dates and coordinates were verified; "
                                   "what is not given there is unknown to the edition.",
                                   lang="en"))),
               E("encodingDesc", E("projectDesc", E("p", f"{title}. The canonical registers of "
                                   "the edition: every document's standOff holds copies of the "
                                   "records it names, with the same xml:id.", lang="en")),
                 E("appInfo", E("application", E("label", "edition toolkit"), ident="edition",
                                version=__version__))),
               E("profileDesc", E("langUsage", *(E("language", LANGUAGE_NAMES.get(lang, lang),
                                                   ident=lang)
                                                 for lang in _registry_languages(registry)))))
    root = E("TEI", header, E("standOff", *record_lists(registry.entities.values())),
             lang="en")
    return etree.ElementTree(root)


def _registry_languages(registry: Registry) -> list[str]:
    langs: set[str] = set()
    for entity in registry.entities.values():
        langs.update(entity.names, entity.description)
        for pseudonym in entity.pseudonyms:
            langs.update(pseudonym.names)
        langs.update(n.lang for n in entity.native)
        if entity.identification is not None:
            langs.update(entity.identification.names)
        for office in entity.offices:
            langs.update(office.title)
    return _langs(dict.fromkeys(langs, ""))


