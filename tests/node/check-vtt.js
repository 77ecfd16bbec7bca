// SPDX-License-Identifier: GPL-3.0-or-later
// Parses WebVTT files with the W3C parser (npm webvtt-parser) and prints, per file,
// "<cues> <errors>" then each error; exits 1 when any file has an error.
'use strict';
const fs = require('fs');
const { WebVTTParser } = require('webvtt-parser');

let bad = 0;
for (const path of process.argv.slice(2)) {
  const text = fs.readFileSync(path, 'utf8');
  const tree = new WebVTTParser().parse(text, 'subtitles');
  console.log(`${tree.cues.length} ${tree.errors.length}`);
  for (const e of tree.errors) console.log(`  ${path}:${e.line}:${e.col || 0}: ${e.message}`);
  if (tree.errors.length) bad = 1;
  if (process.env.VC_VTT_DUMP) console.log(JSON.stringify(tree.cues, null, 1));
}
process.exit(bad);
