"""The teiHeader of a document: titles and responsibilities, publication and licence, the
witness and the archival original, the encoding description, the correspondence."""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..errors import EditionError, Problem
from . import source
from .citation import refs_decl
from .state import BuildState, _Division
from .xml import LANGUAGE_NAMES, RESP_EDITION, RESP_WITNESS, TEI_NS, XML_ID, E, auto_names_resp


class HeaderBuilder(BuildState):
    def _header(self) -> etree._Element:
        doc, edition = self.doc, self.edition
        title_stmt = E("titleStmt")
        for lang in ("en", *sorted(k for k in doc.title if k != "en")):
            title_stmt.append(E("title", doc.title[lang], type_="main", lang=lang))
        for action in doc.actions:
            if action.type == "sent":
                for person in action.persons:
                    entity = self._entity(person)
                    title_stmt.append(E("author", self.registry.name(entity.id, "en"), ref=f"#{entity.id}"))
        title_stmt.extend(source.editors(edition))
        publisher = doc.witness.publisher
        for resp in doc.responsibility:
            if resp.who == "edition":
                title_stmt.append(E("respStmt", E("resp", resp.what), *source.edition_names(edition),
                                    id=RESP_EDITION))
            elif resp.who == publisher:
                title_stmt.append(E("respStmt", E("resp", resp.what), E("orgName", resp.who),
                                    id=RESP_WITNESS))
            else:
                title_stmt.append(E("respStmt", E("resp", resp.what), E("name", resp.who)))
        used = set().union(*(d.used for d in self.divisions)) | self.doc.entity_ids()
        if any(self.registry.entities[i].draft for i in used if i in self.registry.entities):
            title_stmt.append(auto_names_resp())
        ids = {el.get(XML_ID) for el in title_stmt.iter(f"{{{TEI_NS}}}respStmt")}
        for needed, label in ((RESP_WITNESS, publisher), (RESP_EDITION, "edition")):
            if needed not in ids:
                raise EditionError(Problem(doc.path, None,
                                           f"no [[responsibility]] entry for {label!r}",
                                           "add [[responsibility]] entries for the witness's "
                                           "publisher and for \"edition\""))

        published = max(c.when for c in doc.changes)
        publication = E("publicationStmt",
                        E("publisher", edition.publisher),
                        E("idno", doc.id, type_="edition"),
                        E("date", when=published),
                        source.availability(doc, edition))
        series = E("seriesStmt", E("title", edition.title["en"], lang="en"))
        source_desc = E("sourceDesc", source.witness_bibl(doc), source.first_publication(doc),
                        source.ms_desc(doc))
        file_desc = E("fileDesc", title_stmt, publication, series, source_desc)

        return E("teiHeader", file_desc, self._encoding_desc(), self._profile_desc(),
                 self._revision_desc())

    def _encoding_desc(self) -> etree._Element:
        features = set().union(*(d.features for d in self.divisions))
        edition = self.edition
        project = E("projectDesc", E("p", f"{edition.title['en']}. This file is one document of "
                                     "the edition, self-contained: its standOff holds the "
                                     "register records of everything it names."))
        editorial: list[etree._Element] = []
        editorial.append(E("correction", E("p",
            "The witness is transcribed character for character; nothing is silently "
            "corrected. " + _corrections_made(self.divisions)), status="high"))
        editorial.append(E("normalization", E("p",
            "None: spelling, capitals (including names in capitals), punctuation and "
            "quotation marks of the witness are kept.")))
        editorial.append(E("quotation", E("p",
            "Quotation marks are kept as characters of the witness. "
            + ("A numbered proposal whose quotation the witness closes in the same paragraph "
               "is also encoded as quote; a quotation the witness leaves open is left as "
               "text and explained in a note." if "quote" in features else "")),
            marks="all"))
        editorial.append(E("hyphenation", E("p", "The witness has no end-of-line hyphenation; "
                                           "hyphens are part of the words."), eol="none"))
        editorial.append(E("segmentation", E("p",
            "Each paragraph, heading, opener and closer line of each language is an alignment "
            "unit with an xml:id (language, label, part) and a number (n). Aligned units point "
            "at each other with corresp in both directions; where the languages divide a "
            "passage differently, one unit points at several. A unit without counterpart "
            "carries ana pointing to an interpretation in standOff that says why."
            + (" The witness's own number of a numbered point is the label before its item "
               "(and the item's n), outside the point's first unit." if "list-label" in features
               else ""))))
        interp = ["Names of persons, places, organisations and events are marked by matching "
                  "the edition's registry (inflected Russian forms included) and link to the "
                  "records in standOff with ref; a pseudonym is marked type=\"pseudonym\" and "
                  "points to the person it names. Adjectives and demonyms derived from a place "
                  "name are not marked as that place."]
        if "date" in features:
            interp.append("Dates are normalised to ISO 8601 in when; day.month.year is the "
                          "witness's order; two-digit years and relative words such as "
                          "\"yesterday\" are resolved against the document's date.")
        if "measure" in features:
            interp.append("Measures give their quantity and unit.")
        editorial.append(E("interpretation", E("p", " ".join(interp))))
        interventions = []
        if "supplied" in features:
            interventions.append("Words in square brackets were supplied by the editors of "
                                 "the witness: supplied, resp pointing to them.")
        if "gap-witness" in features:
            interventions.append("Omission marks of the witness are gap reason=\"omitted\" with "
                                 "the witness's own mark in rend.")
        if "gap-edition" in features:
            interventions.append("Text missing from the copy used is marked gap by this "
                                 "edition, with a note.")
        if "note" in features:
            interventions.append("Notes of this edition are note type=\"editorial\".")
        if interventions:
            editorial.append(E("p", " ".join(interventions)))
        app = E("appInfo", E("application", E("label", "edition toolkit"), ident="edition",
                             version=__version__))
        body = getattr(self, "body", None)
        refs = refs_decl(body) if body is not None else None
        return E("encodingDesc", project, E("editorialDecl", *editorial), refs, app)

    def _profile_desc(self) -> etree._Element:
        doc = self.doc
        actions = []
        for action in doc.actions:
            parts: list[etree._Element] = [self._agent(p) for p in action.persons]
            if action.place:
                place = self._entity(action.place)
                parts.append(E(place.element if place.element != "name" else "placeName",
                               self.registry.name(place.id, "en"), ref=self._ref(place)))
            if action.date:
                parts.append(E("date", when=action.date))
            actions.append(E("correspAction", *parts, type_=action.type))
        context = []
        if doc.answers:
            other = self.corpus.get(doc.answers)
            if other is None:
                raise EditionError(Problem(doc.path, None, f"answers = {doc.answers!r}: no such document",
                                           "name a folder of source/documents/"))
            context.append(E("ref", "Answers: " + other.title["en"], type_="prev",
                             target=f"{other.id}.xml"))
        for reply in doc.answered_by:
            other = self.corpus[reply]
            context.append(E("ref", "Answered by: " + other.title["en"], type_="next",
                             target=f"{other.id}.xml"))
        corresp = E("correspDesc", *actions, E("correspContext", *context) if context else None)
        languages = E("langUsage", *(E("language", LANGUAGE_NAMES.get(lang, lang), ident=lang)
                                     for lang in doc.languages))
        summary = doc.witness.summary
        abstract = E("abstract", E("p", summary), resp=f"#{RESP_WITNESS}", lang="en") if summary else None
        # The editor's headnote beside the publisher's summary, told apart by @resp.
        headnotes = [E("abstract", *(E("p", p.strip()) for p in text.split("\n\n") if p.strip()),
                       resp=f"#{RESP_EDITION}", lang=lang)
                     for lang, text in sorted(doc.headnote.items(), key=lambda kv: kv[0] != "en")]
        keywords = None
        if doc.keywords:
            keywords = E("textClass", *(E("keywords", *(E("term", t) for t in terms), lang=lang)
                                        for lang, terms in sorted(doc.keywords.items())))
        creation = E("creation", E("date", when=doc.date.isoformat()) if doc.date
                     else E("date", "Undated: the date of writing is unknown."))
        return E("profileDesc", creation, languages, abstract, *headnotes, keywords, corresp)

    def _revision_desc(self) -> etree._Element:
        return E("revisionDesc", *(E("change", c.what, when=c.when, who=f"#{RESP_EDITION}")
                                   for c in self.doc.changes))

    # --- standOff -----------------------------------------------------------------------


def _corrections_made(divisions: list[_Division]) -> str:
    """The correction statement, from the corrections this document actually carries."""
    made = [(d.lang, d.corrections) for d in divisions if d.corrections]
    if not made:
        return "This edition made no correction."
    total = sum(n for _, n in made)
    where = ", ".join(f"{n} in the {LANGUAGE_NAMES.get(lang, lang)} text" for lang, n in made)
    return (f"This edition corrected {total} slip{'s' if total > 1 else ''} of the witness ({where}): "
            "each is kept as written and corrected beside it (choice: sic as written, corr as "
            "corrected, by this edition).")
