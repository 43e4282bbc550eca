#!/usr/bin/env bash
# Seeds the fuzz corpus with every program of the test corpus.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus
find ../tests/pass ../tests/fail ../benches/programs -name '*.c' -exec cp {} corpus/ \;
echo "seeded $(ls corpus | wc -l) inputs"
