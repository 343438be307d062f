#!/bin/sh
# Installs what the whole test suite needs on a fresh Debian machine: groovy (2.4, as Jenkins
# embeds), shellcheck, PostgreSQL, git, chromium (the HTML plan test renders in it, headless),
# strace (the helper-fault tests kill a helper at a chosen system call), patch (the diff test applies
# gen's diffs), ssl-cert (the snakeoil certificate the PostgreSQL tests serve TLS with), kubectl (a bumped kustomization is rendered by `kubectl kustomize`), then the npm
# dependencies. Safe to run again.
set -eu
packages="groovy shellcheck git postgresql ssl-cert chromium strace patch"
# Debian's kubectl is the kubernetes-client package; a kubectl already installed another way (e.g. from the
# Kubernetes or Google Cloud apt repository) is kept, since the two packages would claim the same file.
command -v kubectl >/dev/null 2>&1 || packages="$packages kubernetes-client"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  # Always asked for, even when present: a machine set up by hand must not hide a missing step.
  apt-get update
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive apt-get install -y $packages
  # The PostgreSQL tests serve TLS with Debian's snakeoil pair; a container image may ship ssl-cert without it.
  [ -f /etc/ssl/private/ssl-cert-snakeoil.key ] || make-ssl-cert generate-default-snakeoil
else
  missing=""
  for tool in groovy shellcheck git chromium strace patch kubectl; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
  done
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
  [ -f /etc/ssl/certs/ssl-cert-snakeoil.pem ] || missing="$missing ssl-cert"
  if [ -n "$missing" ]; then
    echo "missing:$missing; install them (Debian: apt-get install$(echo "$missing" | sed "s/ kubectl/ kubernetes-client/")) and run again" >&2
    exit 1
  fi
fi
npm ci
