"""The parts of the teiHeader that say where the texts come from and who answers for what:
the witness (the publisher's record), its first publication, the archival original
(msDesc), the edition's editors, and the scope of the licence.

Everything here is written from the document's metadata.toml and source/edition.toml;
what they leave empty is said to be unknown, once (docs/tei-conventions.md)."""

from __future__ import annotations

from lxml import etree

from ..metadata import Archival, DocumentMeta, EditionMeta, Witness
from .xml import RESP_EDITION, RESP_WITNESS, E

# How the labels of numbers read in prose (metaschema.NUMBER_PLACES).
NUMBER_PLACES = {"heading": "the heading", "trailer": "the trailer",
                 "title": "the publisher's title", "catalogue": "the archive's catalogue",
                 "other": "elsewhere on the document"}


CERT_WORDS = {"high": "very probably right, not certain", "medium": "probably right",
              "low": "possibly right"}


def editors(edition: EditionMeta) -> list[etree._Element]:
    """``editor`` elements for the titleStmt: one per named editor and role."""
    return [E("editor", E("persName", e.name, ref=e.orcid_url or None), role=e.role)
            for e in edition.editors]


def edition_names(edition: EditionMeta) -> list[etree._Element]:
    """Who the edition's responsibility statements name: the editors, else the publisher."""
    named = edition.editors_by_role()
    if named:
        return [E("persName", e.name, ref=e.orcid_url or None) for e in named]
    return [E("orgName", edition.publisher)]


def availability(doc: DocumentMeta, edition: EditionMeta) -> etree._Element:
    """The licence of the edition's own work, and the publisher's statement for the texts,
    each with its scope said in words (a reader must not take the texts for CC BY)."""
    witness = doc.witness
    rights = [p.strip() for p in witness.rights.split("\n") if p.strip()]
    texts = "The texts and translations" if len(doc.languages) > 1 else "The text"
    scope = (f"{edition.licence}. This licence covers this edition's own work only: the "
             "encoding (the TEI markup), the notes and the registers.")
    if rights:
        statement = E("p", f"{texts} are those of the {witness.publisher}, under its own rights "
                      "statement, as it gives it:")
    else:
        statement = E("p", f"{texts} are those of the {witness.publisher}, under its own rights "
                      "statement, which is not in the copy used: unknown.")
    return E("availability", E("licence", scope, target=edition.licence_url), statement,
             *(E("p", p, resp=f"#{RESP_WITNESS}") for p in rights),
             status="restricted" if rights else "unknown")


def witness_bibl(doc: DocumentMeta) -> etree._Element:
    witness = doc.witness
    bibl = E("bibl", type_="witness")
    bibl.append(E("title", witness.title))
    if witness.date or doc.date:
        bibl.append(E("date", witness.date, when=doc.date.isoformat() if doc.date else None))
    bibl.append(E("publisher", witness.publisher))
    if witness.translator:
        bibl.append(E("respStmt", E("resp", "Translation"), E("name", witness.translator)))
    if witness.record_id:
        bibl.append(E("idno", witness.record_id, type_="record"))
    if witness.url:
        bibl.append(E("ptr", target=witness.url, type_="record"))
    if witness.iiif_manifest:
        bibl.append(E("ptr", target=witness.iiif_manifest, type_="iiif-manifest"))
    if witness.citation:
        bibl.append(E("note", witness.citation, type_="citation"))
    if witness.note:
        bibl.append(E("note", witness.note))
    unknown = witness_unknowns(witness)
    if not doc.archival.references:
        unknown.append("the archival reference")
    said = []
    if unknown:
        said.append("Not in the copy used, and so unknown to this edition: " + "; ".join(unknown) + ".")
    if witness.unknown:
        said.append("Empty in the copy used: " + ", ".join(witness.unknown) + ".")
    if said:
        bibl.append(E("note", " ".join(said), type_="unknown"))
    return bibl


def witness_unknowns(witness: Witness) -> list[str]:
    """What the edition's model of the record lacks, each said once (the record's own empty
    labels are listed apart, as labels)."""
    unknown = []
    if not witness.url:
        unknown.append("the address of the record")
    if not witness.record_id:
        unknown.append("the record's id")
    if not witness.translator:
        unknown.append("the translator")
    return unknown


def first_publication(doc: DocumentMeta) -> etree._Element | None:
    if not doc.witness.first_published:
        return None
    return E("bibl", doc.witness.first_published, type_="first-publication")


def ms_desc(doc: DocumentMeta) -> etree._Element:
    """msDesc: the archival references as written (the first in msIdentifier, the others
    as altIdentifier), every number the document carries typed by where it stands, and the
    edition's choice among them with its reason and certainty."""
    archival: Archival = doc.archival
    ms_id = E("msIdentifier")
    references = list(archival.references)
    if references:
        first = references[0]
        if first.repository:
            ms_id.append(E("repository", first.repository))
        if first.collection:
            ms_id.append(E("collection", first.collection))
        if first.idno:
            ms_id.append(E("idno", first.idno, type_="shelfmark"))
    if archival.number:
        cert = archival.number_cert or None
        ms_id.append(E("idno", archival.number, type_="document-number", cert=cert,
                       resp=f"#{RESP_EDITION}" if archival.numbers else None))
    kind = archival.kind or "document"
    ms_id.append(E("msName", f"{kind[:1].upper()}{kind[1:]}"
                   + (f" No. {archival.number}" if archival.number else ""), lang="en"))
    for ref in references[1:]:
        ms_id.append(E("altIdentifier",
                       E("repository", ref.repository) if ref.repository else None,
                       E("collection", ref.collection) if ref.collection else None,
                       E("idno", ref.idno, type_="shelfmark"),
                       E("note", ref.note) if ref.note else None, type_="reference"))
    for number in archival.numbers:
        ms_id.append(E("altIdentifier", E("idno", number.value, type_=number.where),
                       E("note", number.note) if number.note else None, type_="number"))
    paras = []
    if archival.numbers:
        listed = "; ".join(f"No. {n.value} in {NUMBER_PLACES.get(n.where, n.where)}"
                           for n in archival.numbers)
        text = f"Numbers on the document and its record: {listed}."
        if archival.number:
            text += f" This edition gives No. {archival.number}"
            text += f" ({CERT_WORDS[archival.number_cert]})." if archival.number_cert else "."
        if archival.number_reason:
            text += f" {archival.number_reason}"
        paras.append(E("p", text, resp=f"#{RESP_EDITION}"))
    if references and references[0].note:
        paras.append(E("p", f"{references[0].as_written()}: {references[0].note}"))
    if archival.note:
        paras.append(E("p", archival.note))
    return E("msDesc", ms_id, *paras, lang="en")
