#!/usr/bin/env bash
# The package as a consumer gets it: `npm pack`, publint and @arethetypeswrong/cli on the tarball,
# then the tarball installed into an empty project — first with only kysely, then adding each
# optional peer — where every export is imported, the bin is run, and `tsc` checks a consumer
# file with `strict` and `skipLibCheck: false`. Needs dist/ (built by `npm ci`) and the registry.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kysely-e6data-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "npm pack"
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -1)"
echo "$tarball"

step "publint"
npx --no-install publint run "$tarball" --strict

step "@arethetypeswrong/cli (ESM-only package)"
npx --no-install attw "$tarball" --profile esm-only

project="$work/consumer"
mkdir -p "$project"
cp "$root"/scripts/consumer/* "$project/"
cd "$project"
cat > package.json <<JSON
{ "name": "consumer", "private": true, "type": "module" }
JSON
install() { npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null; }
tsc="$root/node_modules/.bin/tsc"

step "only kysely (plus @types/node, which @grpc/grpc-js's types need)"
install "$tarball" kysely@^0.29 @types/node@^20
node stage-core.mjs
"$tsc" -p tsconfig.core.json
bin="$project/node_modules/.bin/kysely-e6data"
"$bin" --help | grep -q 'Usage: kysely-e6data <command>'
"$bin" codegen --help | grep -q 'Usage: kysely-e6data codegen'
expect_one_line() { # expect_one_line <pattern> <command…>: exits non-zero with one line naming what to install
  local pattern=$1 out status
  shift
  set +e
  out=$("$@" 2>&1)
  status=$?
  set -e
  if [ "$status" -eq 0 ] || [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "expected one error line matching '$pattern' from: $*" >&2
    echo "status $status, output:" >&2
    printf '%s\n' "$out" >&2
    exit 1
  fi
  echo "ok: $out"
}
expect_one_line 'npm install --save-dev kysely-codegen typescript' \
  env E6DATA_HOST=h E6DATA_USER=u E6DATA_PASSWORD=p "$bin" codegen --print
expect_one_line 'npm install --save-dev @duckdb/node-api' "$bin" query --local 'select 1'

step "+ @duckdb/node-api"
install @duckdb/node-api
node stage-local.mjs
"$tsc" -p tsconfig.local.json
[ "$("$bin" query --local -F csv 'select 41 + 1 as answer')" = $'answer\n42' ]

step "+ kysely-codegen and typescript"
install kysely-codegen@~0.20 typescript@^5
node stage-codegen.mjs
"$tsc" -p tsconfig.codegen.json
"$bin" codegen --local --print --include customers | grep -q 'export interface Customers'

step "+ @opentelemetry/api (with the SDK as an application registers it)"
install @opentelemetry/api @opentelemetry/sdk-trace-base @opentelemetry/context-async-hooks
node stage-otel.mjs

echo
echo "consumer install: ok"
