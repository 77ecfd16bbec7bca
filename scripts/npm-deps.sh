#!/usr/bin/env bash
# Installs the Node tools the tests use (tests/node/package-lock.json) when missing.
set -euo pipefail
cd "$(dirname "$0")/../tests/node"
if [ -d node_modules/webvtt-parser ]; then
  exit 0
fi
echo "deps: npm ci (webvtt-parser, for the WebVTT tests)"
npm ci --no-audit --no-fund --loglevel=error
