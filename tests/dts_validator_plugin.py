"""A pytest plugin for the DTS reference validator (../shared/vendor/dts-validator), loaded
with ``-p dts_validator_plugin`` when tests/test_exports_clients.py runs the validator.

The validator's client expects the documents of the root collection to come back as
Resources from the collection endpoint, but reads every member as a plain Collection,
and so crashes (an unbound variable) on an API like ours, whose root collection holds
the documents directly (see ../shared/vendor/README.md). This plugin replaces only
``DTS_API.get_one_resource``: it returns, as a Resource, the document named by the
environment variable EDITION_DTS_RESOURCE (the test runs the validator once per
document) instead of one picked at random. Every request and every check stays the
validator's own.
"""

from __future__ import annotations

import os

from dts_validator import client


def _get_one_resource(self: client.DTS_API) -> client.DTS_Resource | None:
    wanted = os.environ.get("EDITION_DTS_RESOURCE")
    for member in self.collections():
        if wanted and member.id != wanted:
            continue
        full = self.collections(id=member.id)
        if full.json.get("@type") == "Resource":
            return client.DTS_Resource(full.json)
    return None


client.DTS_API.get_one_resource = _get_one_resource
