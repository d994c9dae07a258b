"""`edition serve`: the built site served on 127.0.0.1 as a static host would serve it, to
read it (and search it: a search page cannot load its index from file://) locally."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

from .paths import Project


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host would, with the media types the exports
    declare (DTS responses are JSON-LD and TEI) and UTF-8 for plain text."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".jsonld": "application/ld+json",
        ".json": "application/json",
        ".bib": "application/x-bibtex; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
        ".wasm": "application/wasm",
    }

    def guess_type(self, path: str | Path) -> str:
        # ``path`` is the file on disk (translate_path has run).
        documents = Path(self.directory, "data", "dts", "document")
        if Path(path).is_relative_to(documents):
            return "application/tei+xml"
        return super().guess_type(path)

    def end_headers(self) -> None:
        # The DTS document endpoint SHOULD link back to the collection of its resource.
        path = self.path.split("?", 1)[0]
        if "/data/dts/document/" in path and path.endswith(".xml"):
            resource = path.rsplit("/", 1)[1].split(";", 1)[0].removesuffix(".xml")
            base = path.split("/data/dts/document/", 1)[0]
            self.send_header("Link", f'<{base}/data/dts/collection/{resource}.jsonld>; rel="collection"')
        super().end_headers()


def make_server(site: Path, port: int = 8000, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """An HTTP server for the site on host:port (port 0: any free port); not started."""
    # The link itself, not where it points: a rebuild publishes a new tree and removes the
    # old one, and each request must follow the link as it is then.
    handler = functools.partial(SiteRequestHandler, directory=str(site.absolute()))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_command(args: argparse.Namespace, project: Project) -> int:
    """`edition serve [--port N]`: serve build/site on 127.0.0.1 until Ctrl-C."""
    site = project.build / "site"
    if not (site / "index.html").is_file():
        print(f"edition serve: {site} has no site; run `edition build` first", file=sys.stderr)
        return 2
    port = getattr(args, "port", None) or 8000
    try:
        server = make_server(site, port)
    except OSError as err:
        print(f"edition serve: cannot listen on 127.0.0.1:{port} ({err.strerror}); "
              f"choose another port with --port", file=sys.stderr)
        return 2
    print(f"Serving {site} at http://127.0.0.1:{server.server_address[1]}/ "
          f"(search: http://127.0.0.1:{server.server_address[1]}/search.html). Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
