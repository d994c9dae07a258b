"""`edition build`: source/ -> tei/ (encoded, validated) -> build/ (site, PDFs, exports).

Each stage is its own module; this package sequences them (``run``: the command and the
sequence; ``stages``: site and PDFs; ``trees``: the output trees; ``guard``: lock,
temporary folder, crash-test points), and makes the build

- incremental: content hashes decide what is made again (``fingerprint``); a stage
  whose inputs did not change is not run, its previous output is reused;
- crash-safe: outputs go into a new tree, ``build/.trees/<name>/``, and the build ends by
  pointing the link ``build/.trees/current`` at it, in one rename. ``build/site`` and
  ``build/pdf`` are fixed links through ``current``, so whatever moment a build is killed
  at, they show the previous complete build or the new complete one;
- derived from its inputs only: a file of the new tree is made by this build, or taken
  from the *published* tree under a key (recorded in that tree, published with it) that
  proves it was made from the same inputs and code. Nothing is taken on the word of a
  tree that was never published; ``--force`` takes nothing from anywhere;
- exclusive and clean: one build of a project at a time (``build/.lock``); worker
  processes die with the build; temporary files live inside the new tree, which every
  exit path (or, after a kill, the next build) removes;
- honest about failures: a document that fails is reported, the others are built, and
  the exit code says which happened (0 all built, 1 built without the failed documents).
"""

from .guard import FAULT_POINTS
from .options import Options, Report
from .run import build, check_publishable, run_build

__all__ = ["FAULT_POINTS", "Options", "Report", "build", "check_publishable", "run_build"]
