#!/bin/sh
# Regenerates expected.yaml for every fixture case from the oracle (kubectl kustomize, kustomize v5.5).
# Cases with expected-error.txt are left alone: that file holds a substring chosen by hand.
set -eu
cd "$(dirname "$0")/testdata"
for case in */; do
  case=${case%/}
  [ -f "$case/expected-error.txt" ] && continue
  if ! kubectl kustomize "$case/input" > "$case/expected.yaml" 2> /tmp/kust-err.txt; then
    rm -f "$case/expected.yaml"
    echo "$case: kustomize failed: $(cat /tmp/kust-err.txt)"
  fi
done
