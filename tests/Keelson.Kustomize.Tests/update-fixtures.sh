#!/bin/sh
# Regenerates fixture outputs from the oracle (kubectl kustomize, kustomize v5.5):
# - expected.yaml for every case without an error file;
# - expected-error-full.txt (kustomize's whole error message, the err kubectl logs, with $INPUT for the absolute
#   input directory and $CASE for the case folder holding it) for every case that has one; needs python3 to undo
#   klog's quoting.
# Cases with expected-error.txt are left alone: that file holds a substring chosen by hand.
set -eu
cd "$(dirname "$0")/testdata"
for case in */; do
  case=${case%/}
  if [ -f "$case/expected-error-full.txt" ]; then
    input=$(cd "$case/input" && pwd)
    if kubectl kustomize "$input" > /dev/null 2> /tmp/kust-err.txt; then
      echo "$case: kustomize succeeded where an error is expected"
      continue
    fi
    python3 - "$input" /tmp/kust-err.txt > "$case/expected-error-full.txt" <<'PY'
import json, os, re, sys
text = open(sys.argv[2]).read()
m = re.search(r'err="((?:[^"\\]|\\.)*)"', text)
if m:
    err = json.loads('"' + m.group(1) + '"')
else:
    m = re.search(r'err=<\n(.*)\n >', text, re.S)
    err = "\n".join(l[1:] if l.startswith("\t") else l for l in m.group(1).split("\n")) if m else text
print(err.replace(sys.argv[1], "$INPUT").replace(os.path.dirname(sys.argv[1]), "$CASE"))
PY
    continue
  fi
  [ -f "$case/expected-error.txt" ] && continue
  if ! kubectl kustomize "$case/input" > "$case/expected.yaml" 2> /tmp/kust-err.txt; then
    rm -f "$case/expected.yaml"
    echo "$case: kustomize failed: $(cat /tmp/kust-err.txt)"
  fi
done
