"""`edition build`: source/ -> tei/ (encode, validated) -> build/ (site, PDFs).

Each stage is its own module; this one only sequences them."""

from __future__ import annotations

import argparse
import time

from .paths import Project


def build(project: Project, args: argparse.Namespace | None = None) -> int:
    from .encode import encode_documents

    timings: dict[str, float] = {}
    start = time.perf_counter()
    results = encode_documents(project)
    timings["encode"] = time.perf_counter() - start
    for line in results:
        print(line)

    stages = []
    try:
        from . import html as html_stage  # noqa: F401
        stages.append(("html", html_stage.render_site))
    except ImportError:
        pass
    try:
        from . import pdf as pdf_stage  # noqa: F401
        stages.append(("pdf", pdf_stage.render_pdfs))
    except ImportError:
        pass
    for name, stage in stages:
        t0 = time.perf_counter()
        stage(project)
        timings[name] = time.perf_counter() - t0
    print("build: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    return 0
