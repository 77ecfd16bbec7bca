#!/usr/bin/env node
// Checks a render's sync map (NAME.json) for what the caption checker cannot see from the
// caption files alone:
// - the cues, their speaker labels left out, read word for word as the turns do (the
//   words of all cues joined equal the words of all turns, in order);
// - in-time on the first sample of the cue's first word (the map's 3 decimals), out-time
//   after its last word ends and at most 0.5 s after it.
// Prints what it counted per file; exit 1 on any breach.
'use strict';
const fs = require('fs');

const SLACK = 0.0015; // the map's times have 3 decimals
const TAIL = 0.5;

function check(path) {
  const d = JSON.parse(fs.readFileSync(path, 'utf8'));
  const words = [];
  for (const t of d.turns) for (const w of t.words) words.push(w);
  const names = d.speakers.map((s) => s.name);
  const problems = [];
  let maxTail = 0;
  let wi = 0;
  d.cues.forEach((c, i) => {
    let text = c.lines.join(' ');
    const label = (names[c.speaker] || '').toUpperCase() + ':';
    if (text.startsWith(label)) text = text.slice(label.length);
    const toks = text.split(/\s+/).filter((x) => x.length);
    const seg = words.slice(wi, wi + toks.length);
    wi += toks.length;
    if (seg.length !== toks.length || seg.some((w, k) => w.text !== toks[k])) {
      problems.push(`cue ${i + 1}: words differ from the turns': "${toks.join(' ')}"`);
      return;
    }
    if (!seg.length) return;
    const off = c.start - seg[0].start, tail = c.end - seg[seg.length - 1].end;
    const next = i + 1 < d.cues.length ? d.cues[i + 1].start : Infinity;
    maxTail = Math.max(maxTail, tail);
    if (Math.abs(off) > SLACK)
      problems.push(`cue ${i + 1}: appears ${off.toFixed(3)} s off its first word (${seg[0].start})`);
    if (tail > TAIL + SLACK) problems.push(`cue ${i + 1}: stays ${tail.toFixed(3)} s after its last word`);
    if (tail < -SLACK && c.end < next - SLACK)
      problems.push(`cue ${i + 1}: ends ${(-tail).toFixed(3)} s before its last word does`);
  });
  if (wi !== words.length) problems.push(`the cues show ${wi} words, the turns have ${words.length}`);
  console.log(`${path}: ${d.cues.length} cues, ${words.length} words; in-times on the first word, ` +
              `out-times at most ${maxTail.toFixed(3)} s after the last; ${problems.length ? 'FAIL' : 'ok'}`);
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  return problems.length === 0;
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node cue-timing.js NAME.json...');
  process.exit(2);
}
let ok = true;
for (const f of files) ok = check(f) && ok;
process.exit(ok ? 0 : 1);
