#!/usr/bin/env bash
# covup 1.4.2: upload coverage reports from a CI job to a covup server.
# Usage: covup-1.4.2.sh -t TOKEN [-f FILE]... [-u URL]
set -euo pipefail

VERSION="1.4.2"
URL="https://covup.example.com"
TOKEN="${COVUP_TOKEN:-}"
FILES=()

while getopts "t:f:u:" opt; do
  case "$opt" in
    t) TOKEN="$OPTARG" ;;
    f) FILES+=("$OPTARG") ;;
    u) URL="$OPTARG" ;;
    *) echo "usage: $0 -t TOKEN [-f FILE]... [-u URL]" >&2; exit 2 ;;
  esac
done

if [ -z "$TOKEN" ]; then
  echo "covup: no upload token (set COVUP_TOKEN or pass -t)" >&2
  exit 2
fi

if [ "${#FILES[@]}" -eq 0 ]; then
  while IFS= read -r f; do FILES+=("$f"); done < <(find . -name 'lcov.info' -o -name 'coverage.xml' | sort)
fi

COMMIT="$(git rev-parse HEAD)"
BRANCH="$(git rev-parse --abbrev-ref HEAD)"

for f in "${FILES[@]}"; do
  echo "covup $VERSION: uploading $f for $COMMIT"
  curl -fsS -X POST \
    -H "Authorization: Bearer $TOKEN" \
    -F "commit=$COMMIT" -F "branch=$BRANCH" -F "report=@$f" \
    "$URL/api/v1/upload"
done
