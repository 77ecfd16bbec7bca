#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Checks WebVTT files with the W3C WebVTT parser (npm webvtt-parser) and against the sync
// map: no parser error, one cue per map cue with the same times (to the millisecond) and
// the same visible text (entities decoded with the parser's full HTML entity table;
// U+2060 WORD JOINER, which draws nothing, is left out on both sides: the writer puts it
// after a '\' before N, n or h for players that hand WebVTT text to libass), and
// every cue's text inside a voice span <v NAME> naming the cue's speaker.
//
// Usage: node webvtt-check.js [--json MAP.json | --no-map] FILE.vtt...
//   By default the map is the NAME.json beside NAME.vtt; --no-map only parses.
// Prints one line per file and each problem under it; exit 1 on any problem, 2 on usage.
'use strict';

const fs = require('fs');
const path = require('path');
const { WebVTTParser } = require('webvtt-parser');
const ENTITIES = require('webvtt-parser/html-entities.json');

const TIME_SLACK_S = 0.0005;
const MAX_LISTED = 8;

function usage() {
  process.stderr.write('usage: node webvtt-check.js [--json MAP.json | --no-map] FILE.vtt...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const a = { map: null, noMap: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json' && i + 1 < argv.length) a.map = argv[++i];
    else if (argv[i] === '--no-map') a.noMap = true;
    else if (argv[i].startsWith('-')) usage();
    else a.files.push(argv[i]);
  }
  if (a.files.length === 0) usage();
  return a;
}

// Visible text of a cue tree, and the voice names around each non-blank piece of it.
function walk(node, voices, acc) {
  for (const child of node.children || []) {
    if (child.type === 'text') {
      acc.text += child.value;
      if (child.value.trim() !== '') acc.voiceOfText.push(voices[voices.length - 1] || null);
    } else if (child.name === 'v') {
      acc.voices.push(child.value);
      walk(child, voices.concat([child.value]), acc);
    } else {
      walk(child, voices, acc);
    }
  }
  return acc;
}

function speakerName(doc, cue) {
  if (typeof cue.speaker === 'string') return cue.speaker;
  const sp = (doc.speakers || []).find((s) => s.id === cue.speaker) ||
    (doc.speakers || [])[cue.speaker];
  return sp ? String(sp.name) : null;
}

function compareCue(i, got, want, doc) {
  const problems = [];
  const n = i + 1;
  if (Math.abs(got.startTime - want.start) > TIME_SLACK_S ||
      Math.abs(got.endTime - want.end) > TIME_SLACK_S) {
    problems.push(`cue ${n}: ${got.startTime.toFixed(3)} --> ${got.endTime.toFixed(3)}, ` +
      `map says ${Number(want.start).toFixed(3)} --> ${Number(want.end).toFixed(3)}`);
  }
  const t = walk(got.tree, [], { text: '', voices: [], voiceOfText: [] });
  const wantText = (want.lines || []).join('\n');
  if (t.text.replace(/\u2060/g, '') !== wantText.replace(/\u2060/g, '')) {
    problems.push(`cue ${n}: text ${JSON.stringify(t.text)}, map says ${JSON.stringify(wantText)}`);
  }
  if (t.voiceOfText.some((v) => v === null)) {
    problems.push(`cue ${n}: text outside a <v> voice span`);
  }
  const name = speakerName(doc, want);
  const plain = name !== null && !/[&>]/.test(name);
  const bad = t.voices.filter((v) => (plain ? v !== name : /[&>]/.test(v)));
  if (bad.length > 0 || t.voices.length === 0) {
    problems.push(`cue ${n}: voice ${JSON.stringify(t.voices)}, speaker is ${JSON.stringify(name)}`);
  }
  return problems;
}

function checkFile(file, opts) {
  const problems = [];
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.log(`FAIL ${file}: cannot read: ${e.message}`);
    return false;
  }
  const res = new WebVTTParser(ENTITIES).parse(text, 'subtitles');
  for (const e of res.errors) {
    problems.push(`line ${e.line}${e.col === undefined ? '' : `, col ${e.col}`}: ${e.message}`);
  }
  let expected = '';
  if (!opts.noMap) {
    const map = opts.map || file.slice(0, file.length - path.extname(file).length) + '.json';
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(map, 'utf8'));
    } catch (e) {
      console.log(`FAIL ${file}: cannot read sync map ${map}: ${e.message}`);
      return false;
    }
    const cues = Array.isArray(doc.cues) ? doc.cues : [];
    expected = ` (map: ${cues.length})`;
    if (cues.length !== res.cues.length) {
      problems.push(`${res.cues.length} cues, the map has ${cues.length}`);
    }
    const n = Math.min(cues.length, res.cues.length);
    for (let i = 0; i < n; i++) problems.push(...compareCue(i, res.cues[i], cues[i], doc));
  }
  const ok = problems.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${res.cues.length} cues${expected}, ` +
    `${res.errors.length} parser errors`);
  problems.slice(0, MAX_LISTED).forEach((p) => console.log(`     ${p}`));
  if (problems.length > MAX_LISTED) console.log(`     ... and ${problems.length - MAX_LISTED} more`);
  return ok;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let ok = true;
  for (const f of opts.files) ok = checkFile(f, opts) && ok;
  process.exit(ok ? 0 : 1);
}

main();
