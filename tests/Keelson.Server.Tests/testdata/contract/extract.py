#!/usr/bin/env python3
"""Derives contract.json from Argo CD's assets/swagger.json: every path's 200 response schema and every definition,
with descriptions and titles dropped, so that tests can check Keelson's responses against the types Argo CD declares.

Usage: git -C ARGO_CD_CLONE show COMMIT:assets/swagger.json | python3 extract.py COMMIT > contract.json
"""
import json
import sys

KEEP = ("type", "format", "$ref", "items", "properties", "additionalProperties", "enum", "allOf")


def compact(schema):
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key in KEEP:
        if key not in schema:
            continue
        value = schema[key]
        if key == "$ref":
            out["ref"] = value.rsplit("/", 1)[-1]
        elif key == "properties":
            out["properties"] = {name: compact(prop) for name, prop in sorted(value.items())}
        elif key == "allOf":
            out["allOf"] = [compact(part) for part in value]
        elif key in ("items", "additionalProperties"):
            out[key] = compact(value) if isinstance(value, dict) else value
        else:
            out[key] = value
    return out


def main():
    swagger = json.load(sys.stdin)
    paths = {}
    for path, operations in sorted(swagger["paths"].items()):
        for method, operation in sorted(operations.items()):
            schema = operation.get("responses", {}).get("200", {}).get("schema")
            if schema is not None:
                paths[f"{method.upper()} {path}"] = compact(schema)
    contract = {
        "source": {"repository": "argoproj/argo-cd", "file": "assets/swagger.json", "commit": sys.argv[1] if len(sys.argv) > 1 else ""},
        "paths": paths,
        "definitions": {name: compact(schema) for name, schema in sorted(swagger["definitions"].items())},
    }
    json.dump(contract, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
