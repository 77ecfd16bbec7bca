#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Node tools the tests use (tests/node/package-lock.json) when missing.
set -euo pipefail
cd "$(dirname "$0")/../tests/node"
if [ -d node_modules/webvtt-parser ] && [ -d node_modules/puppeteer-core ] &&
  [ -d node_modules/axe-core ] && [ -d node_modules/@daisy/ace ]; then
  exit 0
fi
echo "deps: npm ci (webvtt-parser; puppeteer-core and axe-core for the player tests; @daisy/ace for the EPUB test)"
# Puppeteer and Ace run on the system Chromium: no Electron or Chromium download, which
# would also need hosts this machine cannot reach.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
  npm ci --no-audit --no-fund --loglevel=error
