#!/usr/bin/env bash
# The keys are the same in --help, on the help screen (the text in
# top_ui.c), in the man page's KEYS and in the README: each of them names
# search (F3), filter (/ F4, \) and the history graph (g), and every
# option of --help is in the man page and the README.
. "$SRC/tests/tools/top_lib.sh"
command -v mandoc >/dev/null || { echo "mandoc not installed"; exit 77; }

telemetry_top --help >"$TMPDIR/help" || fail "--help: exit $?"
man=$TMPDIR/man
MANWIDTH=200 mandoc -Tascii "$SRC/man/telemetry_top.1" | sed "s/.\x08//g" >"$man" || fail "mandoc"
keys=$(sed -n '/^KEYS/,/^TERMINAL/p' "$man")
readme=$(sed -n '/^## telemetry_top/,/^## telemetry_prom/p' "$SRC/README.md")
screen=$(sed -n '/^static const char \*const help\[\]/,/^};/p' "$SRC/readers/top/top_ui.c")

grep -q 'F3 search' "$TMPDIR/help" || fail "--help: no F3"
grep -q '/ F4 filter as you type' "$TMPDIR/help" || fail "--help: no F4"
grep -q 'g history graph' "$TMPDIR/help" || fail "--help: no g"
grep -Eq '^ +F3 +Search' <<<"$keys" || fail "man: no F3"
grep -Eq '^ +/, F4 +Filter as you type' <<<"$keys" || fail "man: no F4"
grep -Eq '^ +g +The history graph' <<<"$keys" || fail "man: no g"
grep -q '`F3` search' <<<"$readme" || fail "README: no F3"
grep -q '`/`/`F4`' <<<"$readme" || fail "README: no F4"
grep -q '`g` history graph' <<<"$readme" || fail "README: no g"
grep -q '"  F3  ' <<<"$screen" || fail "help screen: no F3"
grep -q '"  /  F4  ' <<<"$screen" || fail "help screen: no F4"
grep -q '"  g  ' <<<"$screen" || fail "help screen: no g"

# Every long option of --help is in the man page and the README.
for opt in $(grep -Eo -- '--[a-z][a-z-]+' "$TMPDIR/help" | sort -u); do
	grep -q -- "$opt" "$man" || fail "man page lacks $opt"
	grep -q -- "$opt" <<<"$readme" || fail "README lacks $opt"
done
exit 0
