# nixl_lib.bash - shell helpers for the tests/nixl_*.sh tests (sourced).
set -euo pipefail

. "$SRC/tests/tools/common.sh"

# nixl_pos FILE: "WRITE_POS READ_POS" of a NIXL ring, straight from the header.
nixl_pos() {
	od -An -t u8 -N 16 "$1" | awk '{ print $1, $2 }'
}

# nixl_drained FILE: the ring holds nothing unconsumed.
nixl_drained() {
	local p
	p=$(nixl_pos "$1")
	[ "${p% *}" = "${p#* }" ]
}

# summary_lines FILE: nixl_writer --summary lines, minus its drop count.
summary_lines() {
	grep -v '^dropped_by_writer' "$1" | sort
}

# shm_totals RING: nixl_shmtotals lines as "NAME count=N sum=S", sorted;
# like a --summary, only series that have events (the bridge creates
# NIXL's series at zero with the agent).
shm_totals() {
	nixl_shmtotals "$1" | grep -v '^state ' | awk '$2 != "count=0" { print $1, $2, $3 }' | sort
}
