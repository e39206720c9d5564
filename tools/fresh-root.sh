#!/usr/bin/env bash
# fresh-root.sh - prove the README's two commands on a brand-new Debian 12
# machine: bootstrap a minimal root (debootstrap --variant=minbase), add
# only what a new user starts with (build-essential git ca-certificates),
# clone the commit under test into it and run the README's two commands
# there, exactly as the README writes them, as root with a clean
# environment.  Run it as root from a checkout; CI (.ci/run) runs it too.
#
#   tools/fresh-root.sh [--keep] [--rev REV] [--dir PARENT]
#
# --keep leaves the root in place (its path is printed) for a look inside;
# --rev picks the commit to test (default HEAD: uncommitted changes are
# not part of the proof); --dir is where the root is made (default
# /var/tmp).  The output of `make check` is passed through, so its last
# line is the suite's "N passed, N failed, N skipped"; either command
# failing prints the last lines of its log and exits 1.
set -euo pipefail

usage() { sed -n '9,17s/^# \{0,1\}//p' "$0"; }
die() { echo "fresh-root: $*" >&2; exit 1; }

keep=0 rev=HEAD parent=/var/tmp
while [ $# -gt 0 ]; do
	case $1 in
	--keep) keep=1 ;;
	--rev) [ $# -ge 2 ] || die "--rev needs a commit"; rev=$2; shift ;;
	--dir) [ $# -ge 2 ] || die "--dir needs a directory"; parent=$2; shift ;;
	-h|--help) usage; exit 0 ;;
	*) echo "fresh-root: unrecognized argument '$1'" >&2
	   echo "Try '$0 --help'." >&2; exit 2 ;;
	esac
	shift
done

[ "$(id -u)" -eq 0 ] || die "must run as root (it bootstraps a root and mounts into it)"
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel) || die "not inside a git checkout"
commit=$(git -C "$top" rev-parse --verify "$rev^{commit}") || die "no such commit: $rev"

# The README's two commands: the lines of the first ```sh block after the
# "## Two commands" heading, comments stripped.  Reading them from the
# README means the proof cannot drift from what the README tells people.
mapfile -t cmds < <(awk '
	/^## Two commands/ { sec = 1; next }
	sec && /^```sh/ { blk = 1; next }
	blk && /^```/ { exit }
	blk { sub(/[ \t]+#.*$/, ""); if ($0 != "") print }' "$top/README.md")
[ ${#cmds[@]} -eq 2 ] || die "README.md: expected two commands under '## Two commands', found ${#cmds[@]}"

# The mirror the host's apt uses, so the root installs from the same place.
mirror=$(apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' 2>/dev/null |
	grep -v -e security -e updates | head -n 1 || true)
mirror=${mirror:-http://deb.debian.org/debian/}

command -v debootstrap >/dev/null || {
	echo "fresh-root: installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
		die "cannot install debootstrap"
}

mkdir -p "$parent"
root=$(mktemp -d "$parent/shmtel-fresh.XXXXXX")
log=$root.logs
chmod 755 "$root"	# a root file system is 0755; mktemp makes 0700
mounts=()

# Every process still running inside the root is killed, then every mount
# is undone, deepest first.  The root is removed only when nothing is
# mounted below it any more, and without crossing file systems, so a
# failed unmount can never lead rm into the host's /proc, /sys or /dev.
cleanup() {
	local rc=$? p i
	trap - EXIT INT TERM HUP
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null ||
			echo "fresh-root: cannot unmount ${mounts[i]}" >&2
	done
	if [ "$keep" -eq 1 ]; then
		echo "fresh-root: root kept at $root, logs in $log"
	elif findmnt -rn -o TARGET | grep -q "^$root/"; then
		echo "fresh-root: something is still mounted below $root; not removing it" >&2
		rc=1
	else
		rm -rf --one-file-system "$root" "$log"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

bind() {	# bind SRC: mount SRC at the same path inside the root
	mkdir -p "$root$1"
	mount --bind "$1" "$root$1"
	mounts+=("$root$1")
}

# in_root CMD: run a shell command in the root, clean environment.  It runs
# in the background and is waited for, so that a signal to this script
# reaches the traps at once (bash runs a trap only between commands) and
# cleanup ends whatever is still running inside.
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root TERM=xterm /bin/sh -c "$1" &
	wait $!
}

step() {	# step NAME LOG CMD: run CMD in the root; on failure show the log's end
	echo "fresh-root: $1"
	if ! in_root "$3" >"$2" 2>&1; then
		echo "fresh-root: $1 failed; the last lines of its log:" >&2
		tail -n 40 "$2" | sed 's/^/  | /' >&2
		return 1
	fi
}

mkdir -p "$log"
echo "fresh-root: bootstrapping Debian 12 (bookworm, $(dpkg --print-architecture)) from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log/debootstrap" 2>&1 || {
	tail -n 20 "$log/debootstrap" >&2; die "debootstrap failed"; }
# The host's apt sources (security and updates included), as a machine
# installed from the same mirror would have them.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
	cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
	rm -f "$root/etc/apt/sources.list"
elif [ -f /etc/apt/sources.list ]; then
	cp /etc/apt/sources.list "$root/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

mkdir -p "$root/proc" "$root/sys"
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
bind /sys
bind /dev
bind /dev/pts
[ -d /dev/shm ] && bind /dev/shm

step "a new user's machine: build-essential git ca-certificates" "$log/base" \
	'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends build-essential git ca-certificates'

# The commit under test, cloned as a user would; shared/ beside it as in CI.
git clone -q --no-local "$top" "$root/root/shmtel"
git -C "$root/root/shmtel" checkout -q --detach "$commit"
[ -d "$top/../shared" ] && cp -rL "$top/../shared" "$root/root/shared"

cd_src='cd /root/shmtel && '
status=0
step "README command 1: ${cmds[0]}" "$log/command1" "$cd_src${cmds[0]}" || status=1
if [ "$status" -eq 0 ]; then
	echo "fresh-root: README command 2: ${cmds[1]}"
	in_root "$cd_src${cmds[1]}" >"$log/command2" 2>&1 &
	run=$!
	tail -n +1 --pid=$run -f "$log/command2" &	# pass its output through
	follow=$!
	wait $run || status=1
	wait $follow
	[ "$status" -eq 0 ] || echo "fresh-root: '${cmds[1]}' failed" >&2
fi
[ "$status" -eq 0 ] && echo "fresh-root: both README commands passed on a new Debian 12 root (commit ${commit:0:12})"
exit "$status"
