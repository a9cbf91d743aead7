#!/usr/bin/env bash
# Runs every fuzz target one after another (never in parallel: the machine is shared),
# each for SECONDS_EACH seconds (default 600), at the lowest CPU priority. Logs go to
# fuzz/logs/<target>.log; the corpus grows in fuzz/corpus/<target>/ and anything found
# lands in fuzz/artifacts/<target>/. Build first: RUSTC_BOOTSTRAP=1 cargo fuzz build -O
set -uo pipefail
cd "$(dirname "$0")"
seconds="${SECONDS_EACH:-600}"
mkdir -p logs
for target in map_loader article_reader user_lexicon extraction; do
  extra=(-timeout=10)
  case "$target" in
    map_loader) extra+=(-rss_limit_mb=4096) ;;
    extraction) extra+=(-max_len=65536) ;;
  esac
  echo "$target start $(date -u +%FT%TZ)" >> logs/runs.txt
  RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz run "$target" -O -- \
    -max_total_time="$seconds" -print_final_stats=1 "${extra[@]}" \
    > "logs/$target.log" 2>&1
  echo "$target end $(date -u +%FT%TZ) exit $?" >> logs/runs.txt
done
