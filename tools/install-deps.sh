#!/bin/sh
# install-deps.sh - the Debian 12 packages shmtel needs to build, test and
# demo.  Run as root (or with sudo available).
set -eu
PKGS="build-essential clang pkg-config liburcu-dev libprotobuf-c-dev protobuf-c-compiler
protobuf-compiler libncurses-dev tmux prometheus prometheus-node-exporter jq curl
util-linux procps binutils"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
echo "install-deps: done"
