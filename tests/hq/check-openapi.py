#!/usr/bin/env python3
# check-openapi.py FILE — data/hq-api.yaml parses, is OpenAPI 3, and every
# $ref in it resolves. Skips (exit 77) where PyYAML is not installed.
#
# Copyright 2026 The Borderpost authors
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import sys

try:
    import yaml
except ImportError:
    print("PyYAML is not installed; not checking", sys.argv[1])
    sys.exit(77)

text = open(sys.argv[1], encoding="utf-8").read()
doc = yaml.safe_load(text)
assert str(doc["openapi"]).startswith("3."), "not OpenAPI 3"
for path in ("/v1/health", "/v1/photos/{sha256}", "/v1/crossings/batch", "/v1/updates/{kind}",
             "/v1/updates/{kind}/{version}/manifest", "/v1/updates/{kind}/{version}/signature",
             "/v1/updates/{kind}/{version}/payload"):
    assert path in doc["paths"], "missing " + path
for ref in sorted(set(re.findall(r'\$ref: "#/([^"]+)"', text))):
    node = doc
    for part in ref.split("/"):
        assert part in node, "unresolved $ref #/" + ref
        node = node[part]
print("ok:", len(doc["paths"]), "paths")
