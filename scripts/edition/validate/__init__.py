"""`edition validate`: check TEI files against TEI P5 and against the edition's own rules.

Three layers, each finding tagged with the layer that produced it:

``xml``
    the file is read with :mod:`edition.xmlsafe` (no entity expansion, no network, no
    DTD); a file that is not XML, refuses a DOCTYPE, or is not TEI stops here
    (:mod:`.files`).
``tei``
    TEI P5 ``tei_all`` (4.3.0) RELAX NG, run by Jing (:mod:`.jing`). All files go to one
    Java process: the JVM start dominates the cost, not the documents.
``edition``
    the ISO Schematron rules of ``schema/edition.odd`` (the only place they are
    written), extracted at run time, compiled once per process (:mod:`.schematron`) and
    run by lxml.isoschematron (XSLT 1.0 + EXSLT; :mod:`.rules`), confined to the
    document's folder (:mod:`.confine`). Skipped with ``tei_only``.

:mod:`.report` holds the entry points. The encoder calls :func:`validate_paths` on a
temporary file before it replaces a file in tei/, so the signature is an interface:
keep it. Everything callers use is importable from ``edition.validate`` itself.
"""

from __future__ import annotations

from .confine import POINTER_ATTRIBUTES as POINTER_ATTRIBUTES
from .files import MAX_FILE_BYTES as MAX_FILE_BYTES
from .files import _read as _read
from .files import _shown as _shown
from .files import collect_files as collect_files
from .findings import LAYERS as LAYERS
from .findings import SCH_NS as SCH_NS
from .findings import SVRL_NS as SVRL_NS
from .findings import TEI_NS as TEI_NS
from .findings import XML_NS as XML_NS
from .findings import XSL_NS as XSL_NS
from .findings import Finding as Finding
from .findings import ValidatorUnavailable as ValidatorUnavailable
from .jing import _Jing as _Jing
from .report import Report as Report
from .report import main as main
from .report import validate as validate
from .report import validate_paths as validate_paths
from .rules import _run_rules as _run_rules
from .schematron import EXSLT_NAMESPACES as EXSLT_NAMESPACES
from .schematron import ODD_PATH as ODD_PATH
from .schematron import XPATH1 as XPATH1
from .schematron import XPATH1_FUNCTIONS as XPATH1_FUNCTIONS
from .schematron import edition_elements as edition_elements
from .schematron import edition_rules as edition_rules
from .schematron import portable_schematron as portable_schematron
from .schematron import rule_ids as rule_ids
from .schematron import schematron_from_odd as schematron_from_odd
from .schematron import to_xpath1 as to_xpath1
