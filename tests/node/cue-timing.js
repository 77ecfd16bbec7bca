#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a render's sync map (NAME.json) for what the caption checker cannot see from the
// caption files alone:
// - the cues, their speaker labels left out, read word for word as the turns do: the
//   characters of all cues equal the characters of all turns' words, in order (white
//   space aside, since a word longer than a line is shown in pieces over lines and cues;
//   case, the brackets of a sound note and a full stop closing one aside, since captions
//   show "(APPLAUSE)" as "[applause]");
// - in-time on the first sample of the cue's first word (the map's 3 decimals), or inside
//   it when the cue goes on with a word cut in pieces, or up to 0.5 s before it when the
//   word opens a turn (reading time, docs/captions.md); out-time after its last word ends
//   and at most 0.5 s after it.
// Prints what it counted per file; exit 1 on any breach.
'use strict';
const fs = require('fs');

const SLACK = 0.0015; // the map's times have 3 decimals
const TAIL = 0.5;
const LEAD = 0.5; // a turn's first cue may appear this long before its first word

// Text folded for comparing: no white space, lower case, round brackets as square ones,
// no full stop before a closing bracket.
function fold(s) {
  return s.replace(/\s+/g, '').toLowerCase().replace(/\(/g, '[').replace(/\)/g, ']')
    .replace(/\.\]/g, ']');
}

function check(path) {
  const d = JSON.parse(fs.readFileSync(path, 'utf8'));
  const words = [];
  for (const t of d.turns)
    t.words.forEach((w, k) => words.push({ ...w, f: fold(w.text), opens: k === 0 }));
  const names = d.speakers.map((s) => s.name);
  const problems = [];
  let maxTail = 0;
  let wi = 0; // word
  let ci = 0; // folded character inside it
  const skipEmpty = () => { while (wi < words.length && ci >= words[wi].f.length) wi++, ci = 0; };
  // A turn of sound notes alone ("[applause]") is in the transcript, not the captions.
  const skipNote = () => {
    while (wi < words.length && words[wi].f.startsWith('[')) {
      let z = wi;
      while (z < words.length && !words[z].f.includes(']')) z++;
      if (z >= words.length) break;
      wi = z + 1;
    }
  };
  d.cues.forEach((c, i) => {
    let text = c.lines.join(' ');
    const label = (names[c.speaker] || '').toUpperCase() + ':';
    if (text.startsWith(label)) text = text.slice(label.length);
    const shown = fold(text);
    if (!shown.length) return;
    skipEmpty();
    if (ci === 0 && shown[0] !== '[') skipNote();
    const first = wi, midStart = ci > 0;
    let k = 0;
    while (k < shown.length && wi < words.length) {
      const w = words[wi].f;
      const n = Math.min(w.length - ci, shown.length - k);
      if (w.slice(ci, ci + n) !== shown.slice(k, k + n)) break;
      k += n;
      ci += n;
      if (ci >= w.length) wi++, ci = 0;
    }
    if (k < shown.length) {
      problems.push(`cue ${i + 1}: words differ from the turns': "${text.trim()}"`);
      return;
    }
    const a = words[first];
    const z = ci > 0 ? words[wi] : words[wi - 1];
    const midEnd = ci > 0;
    const off = c.start - a.start, tail = c.end - z.end;
    const next = i + 1 < d.cues.length ? d.cues[i + 1].start : Infinity;
    if (!midEnd) maxTail = Math.max(maxTail, tail);
    const early = a.opens && off <= SLACK && off >= -LEAD - SLACK;
    if (!midStart && !early && Math.abs(off) > SLACK)
      problems.push(`cue ${i + 1}: appears ${off.toFixed(3)} s off its first word (${a.start})`);
    if (midStart && (c.start < a.start - SLACK || c.start > a.end + SLACK))
      problems.push(`cue ${i + 1}: appears outside the word it goes on with (${a.start}-${a.end})`);
    if (tail > TAIL + SLACK) problems.push(`cue ${i + 1}: stays ${tail.toFixed(3)} s after its last word`);
    if (!midEnd && tail < -SLACK && c.end < next - SLACK)
      problems.push(`cue ${i + 1}: ends ${(-tail).toFixed(3)} s before its last word does`);
  });
  skipEmpty();
  skipNote();
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
