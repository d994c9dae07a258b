"""The automatic name matcher: finds the registered entities mentioned in a text.

``find_mentions(text, lang, registry)`` returns sorted, non-overlapping mentions; where
two candidates overlap, the one starting first wins, and of those starting at the same
word the longest. How it works, for editors: docs/registry.md.

- Text and forms are cut into words (runs of letters and digits); what lies between two
  words (a space, a hyphen, an apostrophe) must be the same in the text as in the form,
  except that any run of white space counts as one space. A hyphenated compound is one
  word for matching: a form never matches part of it (a form X is not found in
  "X-wide" or «Y-X»).
- Comparison ignores case and treats ё as е. A form written entirely in capitals in the
  registry (an acronym: UN, ООН) matches only text in capitals, because the same letters
  in lower case are often an ordinary word.
- Russian forms are declined automatically (see :class:`RussianDecliner`); other
  languages are matched as written.
- Coordinated names that share their last word ("North and South X", «Северной и
  Южной X») are one mention pointing to every entity named.
- A spelling that the forms of two records give alike (both write "Stalin") is not
  linked to either: it is an :class:`Ambiguity`, which the encoder reports as an error
  until the editor marks the mention by hand or makes one record's forms more specific
  (``find_ambiguities``). A written form beats a generated declension silently.

The package, one concern a module: :mod:`.tokens` cuts text and forms into words,
:mod:`.russian` declines Russian names, :mod:`.variants` turns each record into the
spellings it is matched by, :mod:`.matcher` reads a text for them.
"""

from .matcher import Ambiguity, Matcher, Mention, find_ambiguities, find_mentions, matcher_for
from .russian import RussianDecliner, morph_analyzer

__all__ = ["Ambiguity", "Matcher", "Mention", "RussianDecliner", "find_ambiguities",
           "find_mentions", "matcher_for", "morph_analyzer"]
