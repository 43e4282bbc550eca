#!/bin/sh
# Installs logtrim into $PREFIX/bin (default: ~/.local/bin).
set -eu
PREFIX="${PREFIX:-$HOME/.local}"
mkdir -p "$PREFIX/bin" "$PREFIX/share/man/man1"
install -m 0755 logtrim-2.5.0.py "$PREFIX/bin/logtrim"
install -m 0644 logtrim.1 "$PREFIX/share/man/man1/logtrim.1"
echo "logtrim 2.5.0 installed in $PREFIX/bin"
