#!/usr/bin/env bash
# --hostname adds a hostname label (this host's name, or =NAME) to every
# default family; --prefix replaces the shmtel_ prefix of the names; an
# empty prefix leaves series names bare but per-agent families keep
# shmtel_ (a bare "up" would clash with Prometheus' own); a prefix that
# is not a name is a usage error.
source "$SRC/tests/tools/prom_lib.bash"
spec counter u64 CUSTOM - work - 2 | fixture a
telemetry_prom --hostname "$D" >"$TMPDIR/out.prom" || fail "exit $?"
h=$(hostname)
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_work_total "hostname=\"$h\"")" = 2 ] || fail "no hostname"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_up "hostname=\"$h\"")" = 0 ] || fail "no hostname on up"
[ "$(grep -v '^#' "$TMPDIR/out.prom" | grep -vc "hostname=\"$h\"")" = 0 ] ||
	fail "a sample without hostname"
telemetry_prom --hostname=node-7 --prefix myapp_ "$D" >"$TMPDIR/out.prom" || fail "exit $?"
[ "$(prom_sample "$TMPDIR/out.prom" myapp_work_total 'hostname="node-7"')" = 2 ] ||
	fail "prefix or hostname not applied"
[ -n "$(prom_type "$TMPDIR/out.prom" myapp_up)" ] || fail "per-agent families not prefixed"
! grep -q '^shmtel_' "$TMPDIR/out.prom" || fail "shmtel_ names left"
telemetry_prom --prefix '' "$D" >"$TMPDIR/out.prom" || fail "exit $?"
[ "$(prom_sample "$TMPDIR/out.prom" work_total 'agent="a"')" = 2 ] || fail "bare name missing"
[ -n "$(prom_type "$TMPDIR/out.prom" shmtel_up)" ] || fail "per-agent families lost shmtel_"
rc=0
telemetry_prom --prefix 'my-app' "$D" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "bad prefix: exit $rc, want 2"
