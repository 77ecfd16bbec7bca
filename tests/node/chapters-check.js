// SPDX-License-Identifier: GPL-3.0-or-later
// Checks the chapters of rendered audio files against their sync map: as ffprobe reads
// them (-show_chapters) and as mpv lists them (the chapter-list property, through a Lua
// script). One chapter per turn of the interview (an announcement is no chapter: it
// opens the chapter of the turn it introduces), each starting at that turn's start
// within 1 ms, titled "Speaker: first words" as the text gives them.
// Usage: node chapters-check.js NAME.json LUA_SCRIPT AUDIO...
// Prints one line per file; exits 1 on any problem.
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');

const [mapPath, lua, ...files] = process.argv.slice(2);
const map = JSON.parse(fs.readFileSync(mapPath, 'utf8'));
const names = new Map(map.speakers.map((s) => [s.id, s.name]));

// The chapters the sync map implies.
const want = [];
map.turns.forEach((t, i) => {
  if (t.announcement) return;
  const prev = map.turns[i - 1];
  const start = prev && prev.announcement ? prev.start : t.start;
  want.push({ start, speaker: names.get(t.speaker), text: t.text });
});

let problems = 0;
const problem = (msg) => {
  console.log(`FAIL: ${msg}`);
  problems++;
};

// "Name: first words…": the name, then words the turn begins with, cut at a word.
function titleOk(title, w) {
  const head = `${w.speaker}:`;
  if (!title.startsWith(head)) return false;
  const words = title.slice(head.length).replace(/\u2026$/, '').trim();
  const text = w.text.split('\n')[0].replace(/\s+/g, ' ').trim();
  return words.length > 0 && text.startsWith(words);
}

function compare(file, tool, got) {
  if (got.length !== want.length) {
    problem(`${file}: ${tool} lists ${got.length} chapters, the interview has ${want.length} turns`);
    return;
  }
  got.forEach((c, i) => {
    if (Math.abs(c.start - want[i].start) > 0.001)
      problem(`${file}: ${tool} chapter ${i + 1} starts at ${c.start}, its turn at ${want[i].start}`);
    if (!titleOk(c.title, want[i]))
      problem(`${file}: ${tool} chapter ${i + 1} is titled '${c.title}'`);
  });
}

for (const file of files) {
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-show_format', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  );
  // mpv gives times from the first sample it plays: an MP3's encoder delay (the LAME
  // header's, ffprobe's start_time) comes off its chapters' times.
  const skip = Number(probe.format.start_time) || 0;
  const viaFfprobe = probe.chapters.map((c) => ({
    start: Number(c.start_time),
    title: (c.tags && c.tags.title) || '',
  }));
  compare(file, 'ffprobe', viaFfprobe);
  const out = execFileSync(
    'mpv',
    ['--no-config', '--msg-level=all=no', `--script=${lua}`, '--ao=null', '--vo=null', file],
    { encoding: 'utf8', timeout: 60000 },
  );
  const viaMpv = [];
  let count = -1;
  for (const line of out.split('\n')) {
    const f = line.replace(/^\[[^\]]*\] /, '').split('\t');
    if (f[0] === 'CHAPTER')
      viaMpv.push({ start: Number(f[1]) + skip, title: f.slice(2).join('\t') });
    if (f[0] === 'CHAPTERS') count = Number(f[1]);
  }
  if (count !== viaMpv.length) problem(`${file}: mpv printed no chapter list`);
  compare(file, 'mpv', viaMpv);
  console.log(`${file}: ffprobe ${viaFfprobe.length}, mpv ${viaMpv.length} chapters (turns ${want.length})`);
}
process.exit(problems ? 1 : 0);
