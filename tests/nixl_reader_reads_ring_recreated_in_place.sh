#!/usr/bin/env bash
# A NIXL agent restarting with another buffer size re-creates its ring in
# place: the same file (same inode), ftruncated to the new size, a fresh
# header with both positions at 0.  A consuming telemetry_reader in
# another process reads every event of both incarnations exactly once,
# shrinking (4096 -> 1024) and growing (4096 -> 8192): nothing reported
# missed, the printed count equal to what the writer stored, read_pos
# left inside the new capacity, and the writer never finding the ring full
# (at these rates the smaller ring holds 100 ms, the larger 400 ms: a
# reader that dropped the ring and came back later would make it drop).
source "$SRC/tests/tools/nixl_lib.bash"
for run in 1024:5000:10000 8192:20000:20000; do
	IFS=: read -r cap2 count rate <<<"$run"
	total=$((3000 + count))
	d=$TMPDIR/$cap2 f=$TMPDIR/$cap2/agent
	mkdir "$d"
	nixl_writer --create --version 4 --capacity 4096 --count 0 "$f"
	telemetry_reader --format json "$f" >"$d/out" 2>"$d/err" &
	reader=$!
	trap 'kill $reader 2>/dev/null || true' EXIT
	nixl_writer --start 0 --count 3000 --rate 30000 --drops "$d/d1" "$f"
	wait_within 30 nixl_drained "$f" || fail "$cap2: first ring not drained: $(nixl_pos "$f")"
	ino=$(stat -c %i "$f")
	nixl_writer --create --in-place --version 4 --capacity $cap2 --start 3000 --count $count \
		--rate $rate --drops "$d/d2" "$f"
	[ "$(stat -c %i "$f")" = "$ino" ] || fail "$cap2: the writer did not re-create in place"
	[ "$(stat -c %s "$f")" = $((40 + cap2 * 16)) ] || fail "$cap2: size $(stat -c %s "$f")"
	wait_within 30 nixl_drained "$f" || fail "$cap2: second ring not drained: $(nixl_pos "$f")"
	kill -INT $reader
	wait $reader && rc=0 || rc=$?
	[ "$rc" = 130 ] || fail "$cap2: reader exited with $rc, want 130 (SIGINT): $(cat "$d/err")"
	trap - EXIT
	read -r wp rp <<<"$(nixl_pos "$f")"
	[ "$rp" -lt "$cap2" ] && [ "$wp" -lt "$cap2" ] || fail "$cap2: positions $wp $rp out of range"

	jq -r 'if .missed then "missed" else .value end' "$d/out" >"$d/got"
	! grep -q missed "$d/got" || fail "$cap2: reader reported missed events"
	[ -z "$(sort -n "$d/got" | uniq -d)" ] || fail "$cap2: values read twice"
	cat "$d/got" "$d/d1" "$d/d2" | sort -n >"$d/all"
	seq 0 $((total - 1)) | diff -q - "$d/all" >/dev/null ||
		fail "$cap2: read + dropped is not every value once ($(wc -l <"$d/all") lines)"
	written=$((total - $(cat "$d/d1" "$d/d2" | wc -l)))
	grep -q "read $written events, missed 0" "$d/err" ||
		fail "$cap2: wrote $written, reader says: $(tail -n 1 "$d/err")"
	[ "$written" = "$total" ] || fail "$cap2: the writer dropped $((total - written)) of $total"
	echo "$cap2: read all $total"
done
