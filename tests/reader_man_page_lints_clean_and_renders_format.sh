#!/usr/bin/env bash
# telemetry_reader(1) is clean for mandoc -Tlint, and its --format entry
# renders as one entry: the example block is indented below the text, and
# the text after it goes on at the entry's indent (not at the margin).
set -u
. "$SRC/tests/tools/common.sh"
command -v mandoc >/dev/null || { echo "mandoc not installed"; exit 77; }
page=$SRC/man/telemetry_reader.1
lint=$(mandoc -Tlint -W warning "$page" 2>&1) || fail "mandoc -Tlint: $lint"
[ -z "$lint" ] || fail "mandoc -Tlint: $(head -n 3 <<<"$lint")"
# Overstrikes (X backspace X for bold, _ backspace X for underline) removed.
mandoc -Tascii -Owidth=80 "$page" | sed 's/.\x08//g' >"$TMPDIR/page" || fail "mandoc cannot render the page"

# indent TEXT: the indent of the first line starting with TEXT.
indent() {
	awk -v t="$1" '{ s = $0; sub(/^ */, "", s) } index(s, t) == 1 { print length($0) - length(s); exit }' \
		"$TMPDIR/page"
}
opt=$(indent '--format block|line|json')
body=$(indent 'Output format.')
example=$(indent '=== NIXL Telemetry Event ===')
after=$(indent 'with an Agent: line')
[ -n "$opt" ] && [ -n "$body" ] && [ -n "$example" ] && [ -n "$after" ] ||
	fail "the --format entry is not all there: $(grep -A 16 -- '--format block' "$TMPDIR/page")"
[ "$body" -gt "$opt" ] || fail "--format's text is not indented below the option"
[ "$example" -gt "$body" ] || fail "the block example is not indented below --format's text"
[ "$after" = "$body" ] || fail "the text after the example is at column $after, not $body: $(grep -A 16 -- '--format block' "$TMPDIR/page")"
# Every line (the examples too) fits an 80-column terminal.
long=$(awk 'length > 80' "$TMPDIR/page")
[ -z "$long" ] || fail "lines wider than 80 columns: $long"
exit 0
