# top_cut_lib.sh - what the tests of telemetry_top's cuts share; sourced
# after top_lib.sh, not run.

# reads_as CELL NAME...: the NAMEs that CELL could be cut from: CELL itself,
# or for "start…end" every NAME that begins with start and ends with end.
reads_as() {
	local cell=$1 n head tail
	shift
	for n in "$@"; do
		if [[ $cell == *…* ]]; then
			head=${cell%%…*} tail=${cell#*…}
			[[ $n == "$head"* && $n == *"$tail" ]] &&
				[ "${#n}" -ge $((${#head} + ${#tail})) ] && echo "$n"
		elif [ "$cell" = "$n" ]; then
			echo "$n"
		fi
	done
	return 0
}

# one_of CELL NAME...: CELL reads as exactly one NAME; fail otherwise.
one_of() {
	local got
	got=$(reads_as "$@")
	[ -n "$got" ] && [ "$(wc -l <<<"$got")" -eq 1 ] ||
		fail "'$1' does not read as one of the names: ${got:-none}"
}

# table_rows FILE: the rows of the table in a screen capture: the lines
# after the column header (the line starting "AGENT") up to a blank line
# or the detail line under the table ("Selected: ..."), the key reminder
# on the last line left out.
table_rows() {
	head -n -1 "$1" | awk '/^AGENT/ { on = 1; next } on && (!NF || /^Selected: /) { exit } on'
}

# name_cells FILE: the agent and name cells of each row of a series table
# (the NAME column found by its title; the cells before it have no spaces).
name_cells() {
	local col
	col=$(awk '/^AGENT/ { for (i = 1; i <= NF; i++) if ($i ~ /^NAME/) print i; exit }' "$1")
	table_rows "$1" | awk -v c="${col:-2}" '{ print $1, $c }'
}
