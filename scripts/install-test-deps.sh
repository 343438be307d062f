#!/bin/sh
# Installs what the whole test suite needs on a fresh Debian machine: groovy (2.4, as Jenkins
# embeds), shellcheck, PostgreSQL, git, chromium (the HTML plan test renders in it, headless),
# then the npm dependencies. Safe to run again.
set -eu
need=""
for tool in groovy shellcheck git chromium; do
  command -v "$tool" >/dev/null 2>&1 || need="$need $tool"
done
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need
  else
    echo "missing:$need; install them (Debian: apt-get install$need) and run again" >&2
    exit 1
  fi
fi
npm ci
