#!/usr/bin/env bash
# Regenerates src/generated/ from protos/*.proto with @bufbuild/buf and ts-proto (both from
# node_modules: offline, no global installs). Deterministic: CI regenerates and fails on any diff.
# Never edit src/generated/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install buf generate


