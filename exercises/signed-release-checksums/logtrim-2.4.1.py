#!/usr/bin/env python3
"""logtrim 2.4.1: keep log files under a size limit by dropping their oldest lines."""
import argparse
import os
import sys

__version__ = "2.4.1"


def trim(path, max_bytes):
    size = os.path.getsize(path)
    if size <= max_bytes:
        return 0
    with open(path, "rb") as f:
        f.seek(size - max_bytes)
        f.readline()  # drop the partial first line
        tail = f.read()
    tmp = path + ".logtrim"
    with open(tmp, "wb") as f:
        f.write(tail)
    os.replace(tmp, path)
    return size - len(tail)


def main(argv=None):
    p = argparse.ArgumentParser(prog="logtrim")
    p.add_argument("--max", type=int, default=10 * 1024 * 1024, help="largest size in bytes")
    p.add_argument("--version", action="version", version=__version__)
    p.add_argument("files", nargs="+")
    args = p.parse_args(argv)
    for path in args.files:
        dropped = trim(path, args.max)
        if dropped:
            print(f"{path}: dropped {dropped} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
