#!/bin/sh
# setup-deps.sh - make sure the build dependencies of gloss are installed.
# Debian/Ubuntu: a C compiler, make, pkg-config and the -dev packages of
# Lua 5.4, PCRE2 and libyaml. As root it installs what is missing with
# apt-get; otherwise it prints the exact command to run and stops (exit 1).
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
LUA_PC=${LUA_PC:-lua5.4}
missing=""

have() { command -v "$1" >/dev/null 2>&1; }

have cc || missing="$missing gcc libc6-dev"
have make || missing="$missing make"
if have "$PKG_CONFIG"; then
    "$PKG_CONFIG" --exists "$LUA_PC" || missing="$missing liblua5.4-dev"
    "$PKG_CONFIG" --exists libpcre2-8 || missing="$missing libpcre2-dev"
    "$PKG_CONFIG" --exists yaml-0.1 || missing="$missing libyaml-dev"
else
    missing="$missing pkg-config liblua5.4-dev libpcre2-dev libyaml-dev"
fi

if [ -z "$missing" ]; then
    echo "setup-deps: all build dependencies are installed"
    exit 0
fi
cmd="apt-get update && apt-get install -y$missing"
if [ "$(id -u)" -eq 0 ] && have apt-get; then
    echo "setup-deps: installing$missing"
    DEBIAN_FRONTEND=noninteractive sh -c "$cmd" || exit 1
    exit 0
fi
echo "setup-deps: missing packages:$missing" >&2
echo "Install them with:" >&2
echo "  sudo sh -c '$cmd'" >&2
exit 1
