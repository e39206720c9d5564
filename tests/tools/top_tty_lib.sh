# top_tty_lib.sh - more for the terminal tests of telemetry_top; sourced
# after top_lib.sh, not run.

# tm_selected: the selected row (drawn bold and reversed), its words
# joined by one space.  capture-pane -e only writes changes of attributes,
# so they are followed through the screen.  Needs TOP_ENV=TERM=screen (or
# any terminal with bold and reverse) when the test starts the monitor.
tm_selected() {
	tmux -S "$TMUX_SOCK" capture-pane -p -e | awk '
	function sgr(seq,   n, p, i) {
		n = split(seq, p, ";")
		if (n == 0) bold = rev = 0
		for (i = 1; i <= n; i++) {
			if (p[i] == "" || p[i] == 0) bold = rev = 0
			else if (p[i] == 1) bold = 1
			else if (p[i] == 7) rev = 1
			else if (p[i] == 22) bold = 0
			else if (p[i] == 27) rev = 0
		}
	}
	{
		line = $0
		while (match(line, /^\033\[[0-9;]*m/)) {
			sgr(substr(line, 3, RLENGTH - 3))
			line = substr(line, RLENGTH + 1)
		}
		if (bold && rev) {
			plain = line
			gsub(/\033\[[0-9;]*m/, "", plain)
			$0 = plain
			$1 = $1
			print
			exit
		}
		while (match(line, /\033\[[0-9;]*m/)) {
			sgr(substr(line, RSTART + 2, RLENGTH - 3))
			line = substr(line, RSTART + RLENGTH)
		}
	}'
}

# tm_table: the rows under the column header (the line starting with
# AGENT) up to the first blank line, or the message of an empty table, or
# the key reminder (the last line): each row's first two words.
tm_table() {
	tm_screen | sed '$d' | awk '/^AGENT/ { on = 1; next } on && (!NF || /^No / || /^Selected: /) { exit }
		on { print $1, $2 }'
}
