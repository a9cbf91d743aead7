#!/usr/bin/env bash
# The whole test suite: the Rust tests, then the Python package (built without the
# GUI's dependencies) on a Dask LocalCluster (loopback only) against the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --locked

python3 -m venv target/pyvenv
target/pyvenv/bin/pip install -q --disable-pip-version-check maturin pytest "dask[distributed]"
target/pyvenv/bin/pip install -q --disable-pip-version-check ./python
STANCEMAP_BIN="$PWD/target/debug/stancemap" target/pyvenv/bin/python -m pytest -q python/tests
