#!/usr/bin/env bash
# A NIXL agent restarting with another buffer size re-creates its ring in
# place (same inode, ftruncate, fresh header at 0).  The running bridge
# treats it as a new incarnation: the old shmtel agent ends gone with the
# first writer's totals, a new nixl-<name> carries the second writer's
# totals, shrinking (4096 -> 1024) and growing (4096 -> 8192), read_pos
# stays inside the new capacity and nothing is reported.
source "$SRC/tests/tools/nixl_lib.bash"
same_totals() { diff -q <(summary_lines "$1") <(shm_totals "$2") >/dev/null 2>&1; }
for cap2 in 1024 8192; do
	d=$TMPDIR/$cap2 in=$TMPDIR/$cap2/nixl out=$TMPDIR/$cap2/shm
	mkdir "$d" "$in" "$out"
	nixl_writer --create --version 4 --capacity 4096 --count 3000 --mix --seed 7 --summary \
		"$in/a" >"$d/1.sum"
	telemetry_nixl --interval 20 --dir "$out" "$in" 2>"$d/err" &
	bridge=$!
	trap 'kill $bridge 2>/dev/null || true' EXIT
	wait_within 30 same_totals "$d/1.sum" "$out/nixl-a" || fail "$cap2: first totals never matched"
	wait_within 30 nixl_drained "$in/a" || fail "$cap2: first ring not drained"
	ino=$(stat -c %i "$in/a") shm_ino=$(stat -c %i "$out/nixl-a")
	ln "$out/nixl-a" "$d/old-ring"	# the first shmtel file, to look at once replaced
	nixl_writer --create --in-place --version 4 --capacity $cap2 --count 5000 --mix --seed 8 \
		--rate 20000 --summary "$in/a" >"$d/2.sum"
	[ "$(stat -c %i "$in/a")" = "$ino" ] || fail "$cap2: the writer did not re-create in place"
	wait_within 30 same_totals "$d/2.sum" "$out/nixl-a" ||
		fail "$cap2: second totals never matched: $(diff <(summary_lines "$d/2.sum") <(shm_totals "$out/nixl-a") | head -5)"
	[ "$(stat -c %i "$out/nixl-a")" != "$shm_ino" ] || fail "$cap2: shmtel agent not replaced"
	grep -q '^state alive=0 gone=1 closed=1 ' <(nixl_shmtotals "$d/old-ring") ||
		fail "$cap2: old agent: $(nixl_shmtotals "$d/old-ring" | head -1)"
	diff -u <(summary_lines "$d/1.sum") <(shm_totals "$d/old-ring") || fail "$cap2: old agent lost its totals"
	# The writer has exited, which the bridge may already show as gone: open is what counts.
	grep -q "^state alive=[01] gone=[01] closed=0 " <(nixl_shmtotals "$out/nixl-a") ||
		fail "$cap2: new agent not open: $(nixl_shmtotals "$out/nixl-a" | head -1)"
	wait_within 30 nixl_drained "$in/a" || fail "$cap2: second ring not drained"
	kill -TERM $bridge
	wait $bridge || fail "$cap2: bridge exited $?"
	trap - EXIT
	read -r wp rp <<<"$(nixl_pos "$in/a")"
	[ "$rp" -lt "$cap2" ] && [ "$wp" -lt "$cap2" ] || fail "$cap2: positions $wp $rp out of range"
	[ ! -s "$d/err" ] || fail "$cap2: stderr: $(cat "$d/err")"
	echo "$cap2: $(grep dropped_by_writer "$d/2.sum")"
done
