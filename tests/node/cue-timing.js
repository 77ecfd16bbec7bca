#!/usr/bin/env node
// Checks a render's sync map (NAME.json) for what the caption checker cannot see from the
// caption files alone:
// - the cues, their speaker labels left out, read word for word as the turns do (the
//   words of all cues joined equal the words of all turns, in order);
// - in-time on the first sample of the cue's first word, out-time at most 0.5 s after its
//   last word, except where the cue builder lets a rule give way (documented in
//   src/cues.c): at most 0.4 s early, 0.2 s late, 0.8 s after the last word.
// Prints the exceptions counted per file; exit 1 on any breach.
'use strict';
const fs = require('fs');

const SLACK = 0.0015; // the map's times have 3 decimals
const MAX_EARLY = 0.4, MAX_LATE = 0.2, MAX_TAIL = 0.8, TAIL = 0.5;

function check(path) {
  const d = JSON.parse(fs.readFileSync(path, 'utf8'));
  const words = [];
  for (const t of d.turns) for (const w of t.words) words.push(w);
  const names = d.speakers.map((s) => s.name);
  const problems = [];
  const n = { early: 0, late: 0, tail: 0 };
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
    const early = seg[0].start - c.start, late = c.start - seg[0].start;
    const tail = c.end - seg[seg.length - 1].end;
    if (early > SLACK) n.early++;
    if (late > SLACK) n.late++;
    if (tail > TAIL + SLACK) n.tail++;
    if (early > MAX_EARLY + SLACK) problems.push(`cue ${i + 1}: appears ${early.toFixed(3)} s before its first word`);
    if (late > MAX_LATE + SLACK) problems.push(`cue ${i + 1}: appears ${late.toFixed(3)} s after its first word`);
    if (tail > MAX_TAIL + SLACK) problems.push(`cue ${i + 1}: stays ${tail.toFixed(3)} s after its last word`);
  });
  if (wi !== words.length) problems.push(`the cues show ${wi} words, the turns have ${words.length}`);
  console.log(`${path}: ${d.cues.length} cues, ${words.length} words; in-time early ${n.early}, late ${n.late}; ` +
              `out-time over ${TAIL} s ${n.tail}; ${problems.length ? 'FAIL' : 'ok'}`);
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
