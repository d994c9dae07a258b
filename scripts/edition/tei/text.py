"""The text of a document: one division per language, its units (with their alignment
checked and linked across languages) and the inline markup of the transcription."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..errors import EditionError, Problem
from ..markup import (
    Block,
    Choice,
    DateSpan,
    Gap,
    Inline,
    Measure,
    Name,
    Note,
    Quote,
    Supplied,
    Text,
    enumerator_value,
    split_enumerator,
)
from .facsimile import FacsimileBuilder
from .state import _Division
from .xml import ALIGN_INTERPS, RESP_EDITION, RESP_WITNESS, TEI_NS, E, append_text, draft_attrs


class TextBuilder(FacsimileBuilder):
    def _units(self, division: _Division) -> list[Block]:
        return [b for b in division.transcription.blocks if b.label]

    def _check_alignment(self) -> None:
        problems: list[Problem] = []
        self.groups = {}
        for division in self.divisions:
            seen: dict[str, Block] = {}
            for block in self._units(division):
                assert block.label is not None
                if block.label in seen:
                    problems.append(Problem(division.transcription.path, block.line,
                                            f"label @{block.label} is used twice (also line "
                                            f"{seen[block.label].line})",
                                            "give every line its own label; parts are @x.1, @x.2"))
                seen[block.label] = block
                self.groups.setdefault(block.key or "", {}).setdefault(division.lang, []).append(block)
        for key, sides in self.groups.items():
            for division in self.divisions:
                blocks = sides.get(division.lang, [])
                others = [lang for lang in sides if lang != division.lang]
                for block in blocks:
                    if len(blocks) > 1 and block.part is None:
                        problems.append(Problem(division.transcription.path, block.line,
                                                f"@{block.label} is one of several @{key} units",
                                                f"number the parts: @{key}.1, @{key}.2"))
                    flagged = set(block.flags) & set(ALIGN_INTERPS)
                    if flagged and others:
                        problems.append(Problem(division.transcription.path, block.line,
                                                f"@{block.label} is marked {sorted(flagged)[0]} but "
                                                f"the {others[0]} text has @{key}",
                                                "remove the flag or the other side's label"))
                    if not flagged and len(sides) < len(self.divisions):
                        missing = [d for d in self.divisions if d.lang not in sides]
                        problems.append(Problem(
                            division.transcription.path, block.line,
                            f"alignment label @{block.label} has no counterpart in "
                            f"{missing[0].transcription.path.name}",
                            f"add @{key} to the matching line of {missing[0].transcription.path.name}, "
                            "or mark this line 'unaligned' (the other text has none) or 'lost' "
                            "(its counterpart is missing from the witness)"))
        if problems:
            raise EditionError(problems)
        self.rows = self._row_numbers()

    def _row_numbers(self) -> dict[int, int]:
        """Each unit's visible number (``@n``), by ``id(block)``: the number of its alignment
        row, so that counterparts share it and "¶ 12" names one place in every language.

        Rows as the renderers lay them out (xslt/common.xsl ``edn:alignment-rows``): the
        divisions are walked together, the original's first; a unit at the head of a
        division that corresponds to nothing (unaligned, lost, or in a one-language
        document) is a row of its own, the original's before a translation's; otherwise the
        head's alignment group (every unit with its key, in every language) is the next row.
        """
        order = sorted(self.divisions, key=lambda d: d.lang != self.doc.original)
        queues = [[b for b in d.transcription.blocks if b.kind != "gap"] for d in order]
        several = len(self.divisions) > 1

        def aligned(block: Block) -> bool:
            return several and block.label is not None and not set(block.flags) & set(ALIGN_INTERPS)

        numbers: dict[int, int] = {}
        heads = [0] * len(queues)

        def head(i: int) -> Block | None:
            while heads[i] < len(queues[i]) and id(queues[i][heads[i]]) in numbers:
                heads[i] += 1
            return queues[i][heads[i]] if heads[i] < len(queues[i]) else None

        row = 0
        while True:
            present = [b for b in (head(i) for i in range(len(queues))) if b is not None]
            if not present:
                return numbers
            single = next((b for b in present if not aligned(b)), None)
            members = [single] if single else [
                b for side in self.groups[present[0].key or ""].values() for b in side]
            row += 1
            for block in members:
                numbers[id(block)] = row

    def _unit_id(self, lang: str, block: Block) -> str:
        return f"{lang}-{block.key}" + (f"-{block.part}" if block.part else "")

    def _unit_attrs(self, lang: str, block: Block, n: int) -> dict[str, str | None]:
        attrs: dict[str, str | None] = {"id": self._unit_id(lang, block), "n": str(n)}
        flagged = [f for f in block.flags if f in ALIGN_INTERPS]
        if flagged:
            interp = ALIGN_INTERPS[flagged[0]][0]
            self.used_interps.add(flagged[0])
            attrs["ana"] = f"#{interp}"
        else:
            sides = self.groups[block.key or ""]
            targets = [self._unit_id(other, b) for other in self.doc.languages if other != lang
                       for b in sides.get(other, [])]
            # a document in one language has no counterparts to point at
            attrs["corresp"] = " ".join(f"#{t}" for t in targets) or None
        return attrs

    # --- text ----------------------------------------------------------------------------
    def _division(self, division: _Division) -> etree._Element:
        lang = division.lang
        others = [f"#{x}" for x in self.doc.languages if x != lang]
        div = E("div", type_="edition" if lang == self.doc.original else "translation",
                lang=lang, id=lang, corresp=" ".join(others) or None)
        path = division.transcription.path
        phase = "top"
        opener = closer = current_list = current_item = None
        labelled = False
        for index, block in enumerate(division.transcription.blocks):
            if block.kind == "gap":
                current_list = current_item = None
                page_break = self._page_break_alone(block, division)
                if page_break is not None:
                    div.append(page_break)
                for item in self._inline(block.inlines[0], division):
                    div.append(item)  # type: ignore[arg-type]
                continue
            attrs = self._unit_attrs(lang, block, self.rows[id(block)])
            if block.kind == "head":
                if phase != "top":
                    raise EditionError(Problem(path, block.line, "a head line must come before "
                                               "the opener and the text",
                                               "move the heading lines to the top"))
                el = E(block.kind, type_=block.type, **attrs)
                div.append(self._mark_page(self._inline_container(el, block.inlines, division),
                                           block, division, attrs["id"]))
            elif block.kind in ("salute", "dateline", "seg") and phase in ("top", "opener"):
                phase = "opener"
                if opener is None:
                    opener = E("opener")
                    div.append(opener)
                el = E(block.kind, type_=block.type if block.kind == "seg" else None, **attrs)
                opener.append(self._mark_page(self._inline_container(el, block.inlines, division),
                                              block, division, attrs["id"]))
            elif block.kind in ("salute", "dateline", "seg", "signed"):
                phase = "closer"
                if closer is None:
                    closer = E("closer")
                    div.append(closer)
                    current_list = current_item = None
                el = E(block.kind, type_=block.type if block.kind == "seg" else None, **attrs)
                closer.append(self._mark_page(self._inline_container(el, block.inlines, division),
                                              block, division, attrs["id"]))
            else:  # p or item
                if phase == "closer":
                    raise EditionError(Problem(path, block.line, "a paragraph after the closing lines",
                                               "closing lines (signed, …) come after the text"))
                phase = "body"
                split = None
                if block.kind == "item":
                    if current_list is None:
                        current_list = E("list", type_="ordered")
                        div.append(current_list)
                        labelled = _labelled(division.transcription.blocks, index)
                    split = split_enumerator(block.inlines) if labelled else None
                inlines = split[1] if split else block.inlines
                el = self._mark_page(self._inline_container(E("p", **attrs), inlines, division),
                                     block, division, attrs["id"])
                if block.kind == "item":
                    assert current_list is not None
                    if split:
                        # The witness's number of the point: a label before the item (TEI
                        # Guidelines, <label> in ordered lists), not the paragraph's text.
                        # A page that begins with the point begins before its number.
                        if len(el) and el[0].tag == f"{{{TEI_NS}}}pb" and not el.text:
                            page_break = el[0]
                            el.text = page_break.tail
                            page_break.tail = None
                            el.remove(page_break)
                            current_list.append(page_break)
                        current_list.append(E("label", split[0]))
                        division.features.add("list-label")
                    number = enumerator_value(split[0]) if split else _leading_number(block.inlines)
                    current_item = E("item", el, n=number)
                    current_list.append(current_item)
                elif block.continues_item:
                    assert current_item is not None
                    current_item.append(el)
                else:
                    current_list = current_item = None
                    div.append(el)
        return div

    def _inline_container(self, el: etree._Element, nodes: list[Inline],
                          division: _Division) -> etree._Element:
        for node in nodes:
            for item in self._inline(node, division):
                if isinstance(item, str):
                    append_text(el, item)
                else:
                    el.append(item)
        return el

    def _inline(self, node: Inline, division: _Division) -> Iterator[str | etree._Element]:
        if isinstance(node, Text):
            yield node.value
        elif isinstance(node, Name):
            for ref in node.refs:
                division.used.add(ref)
            drafted = any(self.registry.entities[r].draft for r in node.refs if r in self.registry.entities)
            attrs: dict[str, str | None] = {"ref": " ".join(f"#{r}" for r in node.refs),
                                            **draft_attrs(drafted)}
            if node.element == "name":
                el = E("name", type_="event", **attrs)
            else:
                el = E(node.element, type_="pseudonym" if node.pseudonym else None, **attrs)
            yield self._inline_container(el, node.children, division)
        elif isinstance(node, DateSpan):
            division.features.add("date")
            yield self._inline_container(E("date", **_names(node.tei_attributes)), node.children, division)
        elif isinstance(node, Measure):
            division.features.add("measure")
            el = E("measure", **_names(node.tei_attributes))
            if node.range and len(node.children) == 1 and isinstance(node.children[0], Text):
                # a range: its numbers are a <num> with both bounds, inside the measure
                text, (first, last, low, high) = node.children[0].value, node.range
                append_text(el, text[:first])
                el.append(E("num", text[first:last], atLeast=low, atMost=high))
                append_text(el, text[last:])
                yield el
            else:
                yield self._inline_container(el, node.children, division)
        elif isinstance(node, Quote):
            division.features.add("quote")
            yield self._inline_container(E("quote"), node.children, division)
        elif isinstance(node, Supplied):
            division.features.add("supplied")
            yield self._inline_container(E("supplied", reason="clarification",
                                           resp=f"#{RESP_WITNESS}"), node.children, division)
        elif isinstance(node, Gap):
            if node.rend is not None:
                division.features.add("gap-witness")
                yield E("gap", reason=node.reason, resp=f"#{RESP_WITNESS}", rend=node.rend)
            else:
                division.features.add("gap-edition")
                yield E("gap", reason=node.reason, resp=f"#{RESP_EDITION}")
        elif isinstance(node, Choice):
            division.features.add("choice")
            division.corrections += 1
            yield E("choice", E("sic", node.sic), E("corr", node.corr, resp=f"#{RESP_EDITION}"))
        elif isinstance(node, Note):
            division.features.add("note")
            division.note_count += 1
            # place="foot": where the edition's own renderers put it, and what TEI consumers
            # (the TEI Consortium's stylesheets) need to take it out of the sentence.
            note = E("note", type_="editorial", id=f"{division.lang}-note-{division.note_count}",
                     resp=f"#{RESP_EDITION}", place="foot",
                     lang="en" if division.lang != "en" else None)
            yield self._inline_container(note, node.children, division)
        else:  # pragma: no cover - the parser makes no other node
            raise TypeError(node)


def _labelled(blocks: list[Block], start: int) -> bool:
    """Whether the list that begins at ``blocks[start]`` gets labels: when every item of it
    begins with the witness's number. (TEI lists are either all items or all label and item
    pairs; a list whose numbers are irregular keeps them in its items' text.)"""
    items = []
    for block in blocks[start:]:
        if block.kind == "item":
            items.append(block)
        elif not (block.kind == "p" and block.continues_item):
            break
    return all(split_enumerator(block.inlines) for block in items)


def _leading_number(nodes: list[Inline]) -> str | None:
    if nodes and isinstance(nodes[0], Text):
        digits = ""
        for ch in nodes[0].value:
            if not ch.isdigit():
                break
            digits += ch
        return digits or None
    return None


def _names(attributes: dict[str, str]) -> dict[str, str]:
    """TEI attribute names as E() takes them (a trailing underscore for Python keywords)."""
    return {name + "_" if name in ("from", "type") else name: value for name, value in attributes.items()}
