#!/bin/sh
# Regenerates the README's pictures (docs/screenshots/*.png): plays the
# journeys in this directory on the real program in tmux against its
# sandbox (go test ./internal/e2e -run TestScreenshots), keeps each
# `shot` as the terminal's styled text (tmux capture-pane -e), and renders
# it with freeze, installed into a temporary GOBIN (never committed).
#
#	testdata/screenshots/make.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
GOBIN="$tmp/bin" go install github.com/charmbracelet/freeze@v0.2.2
mkdir "$tmp/ansi"
(cd "$root" && go test -count=1 ./internal/e2e -run 'TestScreenshots$' -shots="$tmp/ansi")
mkdir -p "$root/docs/screenshots"
for f in "$tmp"/ansi/*.ansi; do
	name=$(basename "$f" .ansi)
	out="$root/docs/screenshots/$name.png"
	# An explicit width renders at 1× (freeze draws PNGs at 4× otherwise).
	"$tmp/bin/freeze" "$f" --language ansi --window --padding 20 --margin 0 \
		--font.size 14 --line-height 1.2 --width 1100 --output "$out" >/dev/null
	chmod 0644 "$out"
	echo "wrote $out"
done
