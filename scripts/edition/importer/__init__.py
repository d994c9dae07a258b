"""`edition import`: a record as the archive publishes it -> a complete document folder.

- :mod:`.record` reads the record: the texts, ``###``, the labelled metadata;
- :mod:`.segment` cuts each language's text into units (cutting run-on lines too);
- :mod:`.align` pairs the units of original and translation, with a confidence per link;
- :mod:`.transcribe` writes the transcriptions: labels from the links, run-on marks;
- :mod:`.citation` and :mod:`.meta` write metadata.toml from what the record states;
- :mod:`.report` says what was found and what was not; :mod:`.run` puts it together and
  writes every folder at once or none.
"""

from .run import Imported, import_records

__all__ = ["Imported", "import_records"]
