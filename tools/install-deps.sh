#!/bin/sh
# install-deps.sh - the Debian 12 packages shmtel needs to build, demo and
# run the whole test suite: the plain build, ASan+UBSan, TSan, the clang
# build and the libFuzzer targets.  Run as root (or with sudo available).
# Recommends are not installed, so every package the suite uses is named
# here: clang's sanitizer and libFuzzer runtimes (libclang-rt-14-dev) are
# only a recommendation of clang.  mandoc lints the man pages.
set -eu
PKGS="build-essential clang libclang-rt-14-dev pkg-config liburcu-dev libprotobuf-c-dev protobuf-c-compiler
protobuf-compiler libncurses-dev tmux prometheus prometheus-node-exporter jq curl
util-linux procps binutils mandoc"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
echo "install-deps: done"
