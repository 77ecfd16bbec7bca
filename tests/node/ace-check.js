// SPDX-License-Identifier: GPL-3.0-or-later
// Runs DAISY Ace (@daisy/ace, axe-core in headless Chromium) on an EPUB with the system
// Chromium and prints every violation; exits 1 when there is any, 2 when Ace cannot run.
// Usage: node ace-check.js BOOK.epub OUTDIR
'use strict';
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');

const [book, outdir] = process.argv.slice(2);
const ace = path.join(__dirname, 'node_modules', '.bin', 'ace-puppeteer');
const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env.CHROMIUM || '/usr/bin/chromium' };
try {
  execFileSync(ace, ['--silent', '--force', '--outdir', outdir, book], { env, stdio: 'inherit', timeout: 300000 });
} catch (e) {
  console.log(`ace could not run: ${e.message}`);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(path.join(outdir, 'report.json'), 'utf8'));
let n = 0;
for (const doc of report.assertions || []) {
  for (const a of doc.assertions || []) {
    n++;
    const t = a['earl:test'];
    console.log(`violation: ${doc['earl:testSubject'].url}: ${t['earl:impact']} ${t['dct:title']}: ${a['earl:result']['dct:description']}`);
  }
}
const outcome = report['earl:result'] && report['earl:result']['earl:outcome'];
console.log(`ace: ${n} violation(s), outcome ${outcome}`);
process.exit(n === 0 && outcome === 'pass' ? 0 : 1);
