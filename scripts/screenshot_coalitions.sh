#!/usr/bin/env bash
# Runs the real stancemap binary on the bundled sample article under a virtual X
# display, turns on View > Colour by coalition and View > Highlight frustrated ties
# with xdotool clicks, and saves docs/coalitions.png (shown in the README).
#
# Needs (Debian): xvfb xauth imagemagick xdotool libegl1 libegl-mesa0 libgl1-mesa-dri
# PROFILE=dev uses a debug build instead of --release (faster to build).
# The clicks assume the default 1400x900 window and menu layout.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${OUT:-docs/coalitions.png}"
wait_seconds="${WAIT_SECONDS:-12}"

missing=()
for tool in xvfb-run import xdotool; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "installing xvfb, imagemagick and xdotool (missing: ${missing[*]})" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        xvfb xauth imagemagick xdotool libegl1 libegl-mesa0 libgl1-mesa-dri >/dev/null
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
        "$1" assets/articles/ceasefire_talks.txt &
        app=$!
        sleep "$2"
        # View menu, then its "Colour by coalition" and "Highlight frustrated ties".
        xdotool mousemove 91 12 click 1; sleep 1.5
        xdotool mousemove 140 117 click 1; sleep 1.5
        xdotool mousemove 91 12 click 1; sleep 1.5
        xdotool mousemove 160 140 click 1; sleep 1.5
        xdotool mousemove 700 600; sleep 2
        import -window root "$3"
        kill "$app"
        wait "$app" 2>/dev/null || true
    ' _ "$binary" "$wait_seconds" "$out"
echo "wrote $out"
