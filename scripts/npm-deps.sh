#!/usr/bin/env bash
# Installs the Node tools the tests use (tests/node/package-lock.json) when missing.
set -euo pipefail
cd "$(dirname "$0")/../tests/node"
if [ -d node_modules/webvtt-parser ] && [ -d node_modules/puppeteer-core ] && [ -d node_modules/axe-core ]; then
  exit 0
fi
echo "deps: npm ci (webvtt-parser, puppeteer-core, axe-core: the WebVTT and player tests)"
npm ci --no-audit --no-fund --loglevel=error
