"""CMIF v2 (correspSearch): one correspDesc per document, written to data/cmif.xml."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from lxml import etree

from ..documents import TEI_NS, Action, Document, Party, Record, T, all_records
from ..errors import EditionError, Problem
from ..metadata import EditionMeta
from .files import el, xml_bytes
from .urls import Urls

# CMIF v2 vocabulary (https://lod.academy/cmif/vocab/terms), written in the "cmif:" prefix
# form of the CMIF documentation: correspSearch's ingest keeps a v2 statement only when
# its type is written so (it matches the string "cmif:hasLanguage"). The prefix cannot be
# declared in the file: CMIF's schema allows no encodingDesc, where listPrefixDef would
# stand (docs/exports.md).
CMIF_VOCAB = "https://lod.academy/cmif/vocab/terms#"
CMIF_PREFIX = "cmif:"
CMIF_MENTIONS = {"person": "mentionsPerson", "place": "mentionsPlace", "org": "mentionsOrg",
                 "event": "mentionsEvent"}
# CMIF requires a Creative Commons licence for the file; the text it prescribes for each.
CMIF_LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/":
        "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/":
        "This file is licensed under the terms of the Creative Commons License CC0 1.0",
}


# The authority files correspSearch links (its submission check, W0000): persons and
# organisations VIAF, GND, LC, BnF, NDL; places GeoNames. Other identifiers (Wikidata)
# are left out of correspAction, where they would only draw that warning.
ACCEPTED_AUTHORITIES = {
    "person": re.compile(r"https?://(d-nb\.info/gnd/|viaf\.org/viaf/|catalogue\.bnf\.fr/ark:/12148/"
                         r"|lccn\.loc\.gov/|id\.ndl\.go\.jp/auth/ndlna/)"),
    "place": re.compile(r"https?://(www|sws)\.geonames\.org/\d+/?$"),
}
# The registry file of each kind of record (docs/registry.md).
REGISTRY_FILES = {"person": "persons.toml", "org": "orgs.toml", "place": "places.toml"}
ACCEPTED_NAMES = {"person": "VIAF, GND, LC, BnF or NDL", "place": "GeoNames"}


def language_uri(tag: str) -> str:
    """A dereferenceable URI for a BCP 47 language tag, as correspSearch's check wants a
    URL in every ref/@target: its primary language subtag in the Library of Congress's
    ISO 639 vocabularies (two letters: ISO 639-1; three: ISO 639-2, which BCP 47 uses
    where there is no two-letter code). Subtags after the first (script, region) are not
    expressible there and are dropped."""
    primary = tag.split("-")[0].lower()
    part = "iso639-1" if len(primary) == 2 else "iso639-2"
    return f"http://id.loc.gov/vocabulary/{part}/{primary}"


def _cmif_date(value: str) -> str:
    # CMIF accepts YYYY-MM-DD, YYYY-MM and YYYY only: a time of day is dropped.
    return value[:10]


def _cmif_refs(party: Party, docs_records: dict[str, Record], kind: str) -> str:
    """The authority URIs of a sender, addressee or place that correspSearch accepts."""
    uris = list(party.uris)
    for rid in party.refs:
        record = docs_records.get(rid)
        if record:
            uris.extend(record.authorities)
    return " ".join(u for u in dict.fromkeys(uris) if ACCEPTED_AUTHORITIES[kind].match(u))


def missing_authorities(docs: Sequence[Document], records: dict[str, Record]) -> list[str]:
    """One warning per register record that stands as sender, addressee or place in the
    CMIF file without an identifier correspSearch accepts: correspSearch cannot link the
    letter to it. Never filled in automatically: an editor records an identifier only
    after checking it (docs/registry.md)."""
    warnings: dict[str, str] = {}
    for doc in docs:
        for action in doc.actions:
            for kind, parties in (("person", action.persons), ("place", action.places)):
                for party in parties:
                    for rid in party.refs:
                        record = records.get(rid)
                        if record is None or rid in warnings or _cmif_refs(party, records, kind):
                            continue
                        files = REGISTRY_FILES.get(record.kind, "")
                        warnings[rid] = (
                            f"warning: cmif: {record.name('en')} ({rid}) has no {ACCEPTED_NAMES[kind]} "
                            f"identifier, so correspSearch cannot link the letters to it; add a verified "
                            f"one as [[{rid}.authority]] in source/registry/{files}")
    return list(warnings.values())


def cmif(docs: Sequence[Document], edition: EditionMeta, urls: Urls,
         records: dict[str, Record] | None = None) -> bytes:
    """The CMIF v2 file: one correspDesc per document, with sender, addressee, places and
    dates (CMIF v1), and in correspDesc/note the v2 statements: mentioned entities,
    language, the TEI file, and what the edition publishes."""
    licence_text = CMIF_LICENCES.get(edition.licence_url)
    if licence_text is None:
        raise EditionError(Problem(
            edition.path, None,
            f"CMIF needs CC BY 4.0 or CC0 for the letter metadata; licence_url is {edition.licence_url!r}",
            "set licence_url in source/edition.toml to one of: " + ", ".join(CMIF_LICENCES)))
    records = records if records is not None else all_records(docs)
    # A static id: the same edition (base_url) always gets the same UUID; xml:id must
    # start with a letter, hence the prefix.
    bibl_id = "cmif-" + str(uuid.uuid5(uuid.NAMESPACE_URL, urls.base))
    # The file changes when a document does: the latest publication date of the documents
    # (dates only in the TEI, so midnight UTC) rather than the build's clock.
    updated = max((d.published for d in docs if d.published), default="1970-01-01")

    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    header = el(tei, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", f"{edition.title.get('en') or edition.short_title}: index of letters")
    editor = el(title_stmt, "editor", edition.encoder)
    if edition.contact_email:  # CMIF: "if available with an e-mail address in editor/email"
        el(editor, "email", edition.contact_email)
    pub = el(file_desc, "publicationStmt")
    publisher = el(pub, "publisher")
    el(publisher, "ref", edition.publisher, target=urls.base)
    el(pub, "idno", urls.data("cmif.xml"), type="url")
    el(pub, "date", when=f"{updated[:10]}T00:00:00Z")
    availability = el(pub, "availability")
    el(availability, "licence", licence_text, target=edition.licence_url)
    source = el(file_desc, "sourceDesc")
    bibl = el(source, "bibl", type="online", xml_id=bibl_id)
    el(bibl, "title", edition.title.get("en") or edition.short_title).tail = ". "
    el(bibl, "publisher", edition.publisher).tail = ". "
    el(bibl, "ref", urls.base, target=urls.base)
    profile = el(header, "profileDesc")
    for doc in docs:
        corresp = el(profile, "correspDesc", key=doc.id, ref=urls.page(doc.id), source=f"#{bibl_id}")
        for kind in ("sent", "received"):
            action = doc.action(kind) or Action(kind, (), (), ())
            action_el = el(corresp, "correspAction", type=kind)
            for person in action.persons or (Party("Unknown", (), ()),):
                attrs = {"ref": ref} if (ref := _cmif_refs(person, records, "person")) else {}
                el(action_el, "persName", person.name, **attrs)
            for place in action.places:
                attrs = {"ref": ref} if (ref := _cmif_refs(place, records, "place")) else {}
                el(action_el, "placeName", place.name, **attrs)
            dates = {attr: _cmif_date(value) for attr, value in action.dates}
            if "when" in dates:
                dates = {"when": dates["when"]}
            if dates:
                el(action_el, "date", **dates)
        note = el(corresp, "note")
        for rid in doc.mentions:
            record = records.get(rid)
            if record is None:
                continue
            # An entity without an authority identifier is named by its register entry:
            # CMIF v2 allows edition-internal URIs where no authority file has one.
            target = record.authorities[0] if record.authorities else urls.register(record)
            el(note, "ref", record.name("en"), type=CMIF_PREFIX + CMIF_MENTIONS[record.kind], target=target)
        if doc.original is not None:
            el(note, "ref", type=CMIF_PREFIX + "hasLanguage", target=language_uri(doc.original.lang))
        el(note, "ref", type=CMIF_PREFIX + "isAvailableAsTEIfile", target=urls.tei(doc.id))
        el(note, "ref", type=CMIF_PREFIX + "isPublishedWith", target=CMIF_VOCAB + "transcription")
        if doc.has_notes:
            el(note, "ref", type=CMIF_PREFIX + "isPublishedWith", target=CMIF_VOCAB + "comment")
    text = el(tei, "text")
    body = el(text, "body")
    el(body, "p")
    return xml_bytes(tei)
