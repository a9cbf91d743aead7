#!/usr/bin/env bash
# Runs the real stancemap binary on the bundled sample article under a virtual X
# display and saves a screenshot to assets/screenshot.png (shown in the README).
#
# Needs (Debian): xvfb xauth imagemagick libegl1 libegl-mesa0 libgl1-mesa-dri
# PROFILE=dev uses a debug build instead of --release (faster to build).
# OUT=path writes the screenshot elsewhere (e.g. assets/screenshot_merged.png).
set -euo pipefail
cd "$(dirname "$0")/.."

article="${1:-assets/articles/ceasefire_talks.txt}"
out="${OUT:-assets/screenshot.png}"
wait_seconds="${WAIT_SECONDS:-6}"

missing=()
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "installing xvfb and imagemagick (missing: ${missing[*]})" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        xvfb xauth imagemagick libegl1 libegl-mesa0 libgl1-mesa-dri >/dev/null
fi

if [[ "${PROFILE:-release}" == dev ]]; then
    cargo build --bin stancemap
    binary=target/debug/stancemap
else
    cargo build --release --bin stancemap
    binary=target/release/stancemap
fi

runtime_dir="$(mktemp -d)"
home_dir="$(mktemp -d)"
trap 'rm -rf "$runtime_dir" "$home_dir"' EXIT
chmod 700 "$runtime_dir"

# A fresh HOME keeps the user's recovery file and preferences out of the picture.
XDG_RUNTIME_DIR="$runtime_dir" HOME="$home_dir" LIBGL_ALWAYS_SOFTWARE=1 WAYLAND_DISPLAY= \
    xvfb-run --auto-servernum -s "-screen 0 1400x900x24" bash -c '
        "$1" "$2" &
        app=$!
        sleep "$3"
        import -window root "$4"
        kill "$app"
        wait "$app" 2>/dev/null || true
    ' _ "$binary" "$article" "$wait_seconds" "$out"
echo "wrote $out"
