#!/bin/sh
# install-deps.sh - the Debian 12 packages shmtel needs to build, demo and
# run the whole test suite: the plain build, ASan+UBSan, TSan, the clang
# build and the libFuzzer targets.  Run as root (or with sudo available).
# Recommends are not installed, so every package the suite uses is named
# here: clang's sanitizer and libFuzzer runtimes (libclang-rt-14-dev) are
# only a recommendation of clang.  mandoc lints the man pages.
#
#   install-deps.sh [--cross arm64]
#
# --cross arm64 adds what `make check-cross ARCH=aarch64` needs: the cross
# compiler and binutils, qemu's user-mode emulator, and the libraries
# shmtel links for arm64 (Debian multiarch: the arm64 architecture is
# added to dpkg), whose libc6:arm64 provides the loader the emulated
# programs run with.
set -eu
PKGS="build-essential clang libclang-rt-14-dev pkg-config liburcu-dev libprotobuf-c-dev protobuf-c-compiler
protobuf-compiler libncurses-dev tmux prometheus prometheus-node-exporter jq curl
util-linux procps binutils mandoc"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
case ${1:-} in
"") ;;
--cross)
	[ "${2:-}" = arm64 ] || { echo "install-deps: --cross: only arm64 is known" >&2; exit 2; }
	$SUDO dpkg --add-architecture arm64
	PKGS="$PKGS gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user-static
libc6:arm64 liburcu-dev:arm64 libprotobuf-c-dev:arm64 libncurses-dev:arm64"
	;;
*)
	echo "usage: install-deps.sh [--cross arm64]" >&2
	exit 2
	;;
esac
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
echo "install-deps: done"
