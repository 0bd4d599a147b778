"""Validates JSON documents against a JSON Schema (draft 2020-12), for the output-contract test.

    validate_json.py SCHEMA FILE...

Checks the schema itself first. Prints `FILE: path/to/value: problem` for each violation and
exits 1 when there is one; exits 0 when every document is valid.
"""
import json
import sys

import jsonschema


def main(argv):
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            failed = True
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}")
            for sub in error.context or []:
                sub_where = "/".join(str(p) for p in sub.absolute_path) or "(top)"
                print(f"  {sub_where}: {sub.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
