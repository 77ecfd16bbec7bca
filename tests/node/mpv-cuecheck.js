#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Drives mpv with tests/lua/cuecheck.lua: for each caption file, mpv (headless, paused)
// seeks to the middle of every cue of the sync map and the text it shows there must be
// the cue's lines.
//
// Usage: node mpv-cuecheck.js [--json MAP.json] [--audio FILE.wav] [--dump OUT.json]
//                              CAPTIONS...
//   By default the map is the NAME.json beside NAME.srt/.vtt/.ass, and the audio is the
//   map's "audio" in the map's folder. --dump writes what mpv showed, as JSON:
//   {"FILE": [{"cue": i, "at": t, "ass": event text, "visible": what libass draws,
//   "read": the same normalised as below, as compared with the cue's lines}]}.
// What is compared is the text libass draws: mpv turns SRT and WebVTT into ASS events
// (decoding WebVTT entities, dropping the <v Name> span and unknown tags); the script
// records that event text, which is decoded here by libass's rules (override blocks
// {...} hidden, \N a line break, \n a space, \h a no-break space, \{ and \} literal
// braces). mpv's own sub-text is not used: it does not know \{ and \}, so it shows
// escaped braces wrongly. Both sides are then normalised alike: CRLF -> LF, no-break
// space -> space, U+2060 WORD JOINER dropped (it draws nothing: the writers put it
// after a '\' or '&' so that no player reads an escape or an entity there), spaces at
// line ends and blank lines at either end dropped. SRT has no escaping, so its writer
// (src/writers/srt.c) shows < > { } as look-alikes (U+02C2, U+02C3, U+2774, U+2775); for .srt
// files those are read back as the characters they stand for on both sides.
// Prints one line per file; exit 1 when any cue differs or mpv fails, 2 on usage errors.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const LUA = path.join(__dirname, '..', 'lua', 'cuecheck.lua');
const MAX_SHOWN_DIFFS = 5;
const MPV_TIMEOUT_MS = 120000;

function usage() {
  process.stderr.write('usage: node mpv-cuecheck.js [--json MAP.json] [--audio FILE.wav] CAPTIONS...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const a = { map: null, audio: null, dump: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json' && i + 1 < argv.length) a.map = argv[++i];
    else if (argv[i] === '--dump' && i + 1 < argv.length) a.dump = argv[++i];
    else if (argv[i] === '--audio' && i + 1 < argv.length) a.audio = argv[++i];
    else if (argv[i].startsWith('-')) usage();
    else a.files.push(argv[i]);
  }
  if (a.files.length === 0) usage();
  return a;
}

const SRT_LOOKALIKES = { '\u02c2': '<', '\u02c3': '>', '\u2774': '{', '\u2775': '}' };

function normalise(s, srt) {
  if (srt) s = s.replace(/[\u02c2\u02c3\u2774\u2775]/g, (c) => SRT_LOOKALIKES[c]);
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\u2060/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

// The characters libass renders for an event's text (ass_render.c and ass_parse.c's
// ass_get_next_char, with the default WrapStyle, under which \n is a space).
function libassVisible(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      const close = text.indexOf('}', i + 1);
      if (close >= 0) {
        i = close;
        continue;
      }
    } else if (c === '\\' && i + 1 < text.length) {
      const esc = { N: '\n', n: ' ', h: '\u00a0', '{': '{', '}': '}' }[text[i + 1]];
      if (esc !== undefined) {
        out += esc;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function besideMap(file) {
  const ext = path.extname(file);
  return file.slice(0, file.length - ext.length) + '.json';
}

// Runs mpv once over one caption file; returns {shown, error}.
function runMpv(sub, audio, map) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-mpv-'));
  const out = path.join(tmp, 'shown.json');
  try {
    const args = [
      '--no-config', '--pause', '--ao=null', '--vo=null', '--force-window=no',
      '--terminal=no', '--msg-level=all=error', '--sub-auto=no', '--sid=1', '--sub-file=' + sub,
      '--script=' + LUA, '--script-opts-append=cuecheck-map=' + map,
      '--script-opts-append=cuecheck-out=' + out, '--', audio,
    ];
    const r = spawnSync('mpv', args, { encoding: 'utf8', timeout: MPV_TIMEOUT_MS });
    if (r.error) return { error: 'cannot run mpv: ' + r.error.message };
    if (!fs.existsSync(out)) {
      return { error: `mpv exited with ${r.status} without a result` +
        (r.stderr ? ': ' + r.stderr.trim().split('\n').slice(-3).join(' | ') : '') };
    }
    const res = JSON.parse(fs.readFileSync(out, 'utf8'));
    let error = res.error || null;
    if (!error && res.sub_file !== sub) error = `mpv selected ${JSON.stringify(res.sub_file)}, not this file`;
    return { shown: res.shown || [], error, retries: res.retries || 0 };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function checkFile(sub, opts) {
  const map = opts.map || besideMap(sub);
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(map, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${sub}: cannot read sync map ${map}: ${e.message}`);
    return false;
  }
  const cues = Array.isArray(doc.cues) ? doc.cues : [];
  const audio = opts.audio || path.join(path.dirname(map), String(doc.audio || ''));
  const r = runMpv(sub, audio, map);
  const diffs = [];
  const shown = r.shown || [];
  const srt = path.extname(sub).toLowerCase() === '.srt';
  if (opts.dumped) opts.dumped[sub] = [];
  shown.forEach((s) => {
    const cue = cues[s.cue - 1];
    const visible = typeof s.ass === 'string' ? libassVisible(s.ass) : String(s.text);
    const want = normalise((cue.lines || []).join('\n'), srt);
    const got = normalise(visible, srt);
    if (opts.dumped) opts.dumped[sub].push({ cue: s.cue, at: s.at, ass: s.ass, visible, read: got });
    if (want !== got) {
      diffs.push(`cue ${s.cue} at ${s.at.toFixed(3)} s: expected ${JSON.stringify(want)}, ` +
        `mpv shows ${JSON.stringify(got)}`);
    }
  });
  const ok = !r.error && diffs.length === 0 && shown.length === cues.length;
  const matched = shown.length - diffs.length;
  let line = `${ok ? 'ok  ' : 'FAIL'} ${sub}: ${matched}/${cues.length} cues shown as written at their middles`;
  if (r.retries) line += ` (${r.retries} readings retried)`;
  if (r.error) line += `; ${r.error}`;
  console.log(line);
  diffs.slice(0, MAX_SHOWN_DIFFS).forEach((d) => console.log(`     ${d}`));
  if (diffs.length > MAX_SHOWN_DIFFS) console.log(`     ... and ${diffs.length - MAX_SHOWN_DIFFS} more`);
  return ok;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.dumped = opts.dump ? {} : null;
  let ok = true;
  for (const f of opts.files) ok = checkFile(f, opts) && ok;
  if (opts.dump) fs.writeFileSync(opts.dump, JSON.stringify(opts.dumped, null, 1) + '\n');
  process.exit(ok ? 0 : 1);
}

main();
