// SPDX-License-Identifier: GPL-3.0-or-later
// Checks the player page (NAME.html) and the WebVTT speaker colours in Chromium, driven by
// puppeteer-core, both from file:// and from a static HTTP server started here.
//
// Usage: node player-check.js OUTDIR NAME [--untrusted] [--screenshot FILE.png]
//
// OUTDIR holds a render of NAME (NAME.html, NAME.json, NAME.wav, NAME.vtt,
// NAME.chapters.vtt). Checks, each printed as "ok ..." or "FAIL ...":
//  - the page loads with no console error, no page error and no failed request;
//  - at the middle of sampled cues (up to 16, evenly spread over NAME.json's cues) the
//    caption area (#captions) shows exactly that cue's lines, and one caption word is
//    highlighted;
//  - activating a transcript turn (click on its button, and Enter) seeks to its
//    data-start within 50 ms, and the N shortcut to the next turn's;
//  - every visible control (a, button, input, select, summary) is reached with Tab;
//  - axe-core reports no violation of the WCAG 2.0/2.1/2.2 A and AA rules;
//  - at a 320 CSS px wide viewport (1280 px at 400% zoom) nothing scrolls sideways;
//  - the turn list has one entry per chapter of NAME.chapters.vtt (from the file
//    itself over HTTP, from the embedded copy over file://), one per turn of NAME.json
//    that is no announcement, each starting at its turn (or at the announcement that
//    opens it) and coloured as its turn's speaker;
//  - with --untrusted: no element came from the article's text (no script, b, img,
//    iframe in the transcript, one script element with code), and the transcript shows
//    the text's tags as text;
//  - a <video> playing NAME.wav with NAME.vtt as a track shows each speaker's cue in the
//    colour of the VTT's STYLE block (computed style of the cue's voice element, read
//    through the DevTools protocol since cues live in a user-agent shadow tree).
// Exits 1 when any check fails.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const [outDir, name] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--screenshot'));
const CHROMIUM = process.env.VC_CHROMIUM || '/usr/bin/chromium';
let failures = 0;
const ok = (msg) => console.log(`ok   ${msg}`);
const fail = (msg) => { console.log(`FAIL ${msg}`); failures++; };
const check = (cond, msg) => (cond ? ok(msg) : fail(msg));

const TYPES = { '.html': 'text/html; charset=utf-8', '.vtt': 'text/vtt; charset=utf-8',
  '.wav': 'audio/wav', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.flac': 'audio/flac', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.mp3': 'audio/mpeg' };

// A static server over OUTDIR with byte ranges (media elements seek with them).
function serve(root) {
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404); res.end(); return;
    }
    const size = fs.statSync(file).size;
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const m = /bytes=(\d*)-(\d*)/.exec(req.headers.range || '');
    if (m) {
      const start = m[1] ? +m[1] : size - +m[2];
      const end = m[1] && m[2] ? Math.min(+m[2], size - 1) : size - 1;
      res.writeHead(206, { 'Content-Type': type, 'Accept-Ranges': 'bytes',
        'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      fs.createReadStream(file, { start, end }).pipe(res);
    } else {
      res.writeHead(200, { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Length': size });
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function openPage(browser, url, problems) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A media element cancels its range requests when it seeks (net::ERR_ABORTED): not an error.
  page.on('requestfailed', (r) => {
    if (!/ERR_ABORTED/.test(r.failure() && r.failure().errorText)) problems.push(`request failed: ${r.url()} ${r.failure().errorText}`);
  });
  await page.setViewport({ width: 1024, height: 768 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('media').readyState >= 1, { timeout: 20000 });
  return page;
}

async function seek(page, seconds) {
  await page.evaluate((t) => new Promise((resolve) => {
    const m = document.getElementById('media');
    m.addEventListener('seeked', () => requestAnimationFrame(() => resolve()), { once: true });
    m.currentTime = t;
  }), seconds);
}

async function checkCues(page, map) {
  const n = map.cues.length, want = Math.min(16, n);
  let bad = 0, highlighted = 0;
  for (let k = 0; k < want; k++) {
    const cue = map.cues[Math.floor((k * (n - 1)) / Math.max(want - 1, 1))];
    await seek(page, (cue.start + cue.end) / 2);
    const got = await page.evaluate(() => ({
      lines: [...document.querySelectorAll('#captions .line')].map((e) => e.textContent),
      now: document.querySelectorAll('#captions .now').length }));
    if (JSON.stringify(got.lines) !== JSON.stringify(cue.lines)) {
      bad++;
      console.log(`     at ${((cue.start + cue.end) / 2).toFixed(3)} s want ${JSON.stringify(cue.lines)} got ${JSON.stringify(got.lines)}`);
    }
    if (got.now === 1) highlighted++;
  }
  check(bad === 0, `captions: ${want - bad}/${want} sampled cues shown exactly at their middle`);
  check(highlighted === want, `captions: one word highlighted in ${highlighted}/${want} sampled cues`);
}

async function checkTurns(page) {
  // Reduced motion: the transcript follows the audio without smooth scrolling, so the
  // page does not move under the pointer between seeking and clicking.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const n = await page.$$eval('#transcript .turn', (t) => t.length);
  const picks = [...new Set([0, Math.floor(n / 2), n - 1, 1])].filter((i) => i >= 0 && i < n);
  let worst = 0;
  for (const [j, i] of picks.entries()) {
    const sel = `#transcript .turn:nth-of-type(${i + 1}) .turn-seek`;
    await seek(page, 0.5);
    // into the middle of the window, clear of the sticky player, before the pointer aims
    await page.$eval(sel, (b) => b.scrollIntoView({ block: 'center' }));
    if (j % 2 === 0) {
      await page.click(sel);
    } else {
      await page.focus(sel);
      await page.keyboard.press('Enter');
    }
    const r = await page.$eval(sel, (b) => ({ want: +b.closest('.turn').dataset.start,
      got: document.getElementById('media').currentTime }));
    if (Math.abs(r.want - r.got) > 0.05) console.log(`     turn ${i + 1} (${j % 2 ? 'Enter' : 'click'}): want ${r.want} s, at ${r.got} s`);
    worst = Math.max(worst, Math.abs(r.want - r.got));
  }
  await page.emulateMediaFeatures([]);
  // The N shortcut (focus on the page, not a control) goes to the next turn.
  if (n > 1) {
    await seek(page, 0.5);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press('n');
    const r = await page.evaluate(() => ({ want: +document.querySelectorAll('#transcript .turn')[1].dataset.start,
      got: document.getElementById('media').currentTime }));
    check(Math.abs(r.want - r.got) <= 0.05, `keyboard: N goes to the next turn (${r.got.toFixed(3)} s, turn 2 at ${r.want} s)`);
  }
  check(worst <= 0.05, `transcript: ${picks.length} turns activated (click and Enter) seek to data-start, worst ${(worst * 1000).toFixed(1)} ms`);
}

async function checkTab(page) {
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, summary')];
    all.forEach((e, i) => e.setAttribute('data-tab-id', i));
    document.activeElement && document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  const visible = await page.$$eval('[data-tab-id]', (es) => es.filter((e) => e.checkVisibility() || e.classList.contains('skip')).map((e) => e.dataset.tabId));
  const seen = new Set();
  for (let i = 0; i < visible.length + 5; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement && document.activeElement.dataset.tabId);
    if (id !== undefined) seen.add(id);
  }
  const missed = visible.filter((id) => !seen.has(id));
  const names = await page.$$eval('[data-tab-id]', (es, m) => es.filter((e) => m.includes(e.dataset.tabId)).map((e) => e.id || e.textContent.trim().slice(0, 30)), missed);
  check(missed.length === 0, `keyboard: ${visible.length - missed.length}/${visible.length} controls reached with Tab${missed.length ? ' (missed: ' + names.join(', ') + ')' : ''}`);
}

async function checkAxe(page) {
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } }));
  for (const v of r.violations) {
    console.log(`     axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 120)}`);
  }
  const review = r.incomplete.map((v) => v.id).join(', ');
  check(r.violations.length === 0, `axe-core ${window_version(r)}: ${r.violations.length} violations of WCAG 2.2 A/AA rules (${r.passes.length} rules passed, ${r.incomplete.length} need review${review ? ': ' + review : ''})`);
}
function window_version(r) { return (r.testEngine && r.testEngine.version) || ''; }

async function checkReflow(page) {
  await page.setViewport({ width: 320, height: 256 });
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check(w <= 321, `zoom: at 320 CSS px wide (400% of 1280) the page is ${w} px wide, no sideways scrolling`);
  await page.setViewport({ width: 1024, height: 768 });
}

async function checkChapters(page, label, map) {
  await page.waitForFunction(() => document.querySelectorAll('#chapters li').length > 0, { timeout: 10000 });
  const text = fs.readFileSync(path.join(outDir, `${name}.chapters.vtt`), 'utf8');
  const want = (text.match(/-->/g) || []).length;
  const got = await page.$$eval('#chapters button', (l) =>
    l.map((b) => ({ start: +b.getAttribute('data-start'), cls: b.className })));
  // An announcement is no chapter: it opens the chapter of the turn it names.
  const turns = [];
  map.turns.forEach((t, i) => {
    const prev = map.turns[i - 1];
    if (!t.announcement) turns.push({ start: prev && prev.announcement ? prev.start : t.start, sp: t.speaker });
  });
  check(got.length === want && want === turns.length,
    `turn list (${label}): ${got.length} entries, ${want} chapters in ${name}.chapters.vtt, ${turns.length} turns besides announcements`);
  const off = got.filter((c, i) => !turns[i] || Math.abs(c.start - turns[i].start) > 0.0015 || c.cls !== `s${turns[i].sp}`);
  check(off.length === 0, `turn list (${label}): every entry starts at its turn (or its announcement) in its speaker's colour${off.length ? `; ${off.length} do not` : ''}`);
}

async function checkUntrusted(page) {
  const r = await page.evaluate(() => ({
    foreign: document.querySelectorAll('#transcript script, #transcript b, #transcript img, #transcript iframe, #captions script, #captions b').length,
    scripts: document.querySelectorAll('script:not([type])').length,
    text: document.getElementById('transcript').textContent }));
  check(r.foreign === 0 && r.scripts === 1, `untrusted: no element made from the article's text (${r.foreign} foreign, ${r.scripts} script)`);
  const tags = ['<b>bold</b>', '<script>alert(1)</script>', '{\\an8}', '&amp;', '-->'];
  const missing = tags.filter((t) => !r.text.includes(t));
  check(missing.length === 0, `untrusted: the transcript shows ${tags.length - missing.length}/${tags.length} tags and escapes as text${missing.length ? ' (missing ' + missing.join(' ') + ')' : ''}`);
}

// The VTT's STYLE block in a browser: one cue per speaker, its voice element's colour.
async function checkVttColours(browser, base, map) {
  const page = await browser.newPage();
  const html = `<!DOCTYPE html><html lang="en"><title>vtt</title><video id="v" src="${name}.wav" width="640" height="360" muted>` +
    `<track default kind="captions" srclang="en" label="Captions" src="${name}.vtt"></video>`;
  fs.writeFileSync(path.join(outDir, 'vc-vtt-colours.html'), html);
  await page.goto(`${base}/vc-vtt-colours.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('v').readyState >= 1 && document.getElementById('v').textTracks[0].cues && document.getElementById('v').textTracks[0].cues.length > 0, { timeout: 20000 });
  const style = (/\nSTYLE\n([\s\S]*?)\n\n/.exec(fs.readFileSync(path.join(outDir, `${name}.vtt`), 'utf8').replace(/\r\n?/g, '\n')) || ['', ''])[1];
  const colours = [...style.matchAll(/#([0-9A-F]{6})/g)].map((m) => m[1]);
  const cdp = await page.target().createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  let good = 0;
  const tried = [];
  for (let sp = 0; sp < map.speakers.length; sp++) {
    const cue = map.cues.find((c) => c.speaker === sp);
    if (!cue) continue;
    tried.push(sp);
    await page.evaluate((t) => new Promise((resolve) => {
      const v = document.getElementById('v');
      v.addEventListener('seeked', () => setTimeout(resolve, 200), { once: true });
      v.currentTime = t;
    }), (cue.start + cue.end) / 2);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    (function walk(n) {
      if (/^v$/i.test(n.nodeName) && (n.attributes || []).includes('voice')) found.push(n);
      for (const c of [...(n.children || []), ...(n.shadowRoots || [])]) walk(c);
    })(root);
    const want = colours[sp];
    for (const n of found) {
      const cs = await cdp.send('CSS.getComputedStyleForNode', { nodeId: n.nodeId });
      const color = cs.computedStyle.find((p) => p.name === 'color').value;
      const rgb = color.match(/\d+/g).slice(0, 3).map((x) => (+x).toString(16).padStart(2, '0')).join('').toUpperCase();
      if (rgb === want) { good++; break; }
      console.log(`     speaker ${sp}: cue element colour ${color}, want #${want}`);
    }
    if (!found.length) console.log(`     speaker ${sp}: no cue element found at ${(cue.start + cue.end) / 2}`);
  }
  check(good === tried.length && good > 0, `WebVTT in <video>: ${good}/${tried.length} speakers' cues shown in their STYLE colour`);
  await page.close();
  fs.unlinkSync(path.join(outDir, 'vc-vtt-colours.html'));
}

(async () => {
  const map = JSON.parse(fs.readFileSync(path.join(outDir, `${name}.json`), 'utf8'));
  const server = await serve(path.resolve(outDir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-chromium-'));
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, userDataDir: profile,
    headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'] });
  try {
    for (const [label, url] of [['file://', 'file://' + path.resolve(outDir, `${name}.html`)], ['http', `${base}/${name}.html`]]) {
      const problems = [];
      const page = await openPage(browser, url, problems);
      await checkChapters(page, label, map);
      if (label === 'http') {
        await checkCues(page, map);
        await checkTurns(page);
        await checkTab(page);
        await checkReflow(page);
        if (flag('--untrusted')) await checkUntrusted(page);
        const shot = value('--screenshot');
        if (shot) {
          // the first cue that opens another speaker's turn (label and colour in view)
          const starts = new Set(map.turns.map((t) => t.start));
          const cue = map.cues.find((c) => c.speaker > 1 && starts.has(c.start)) || map.cues[0];
          await seek(page, (cue.start + cue.end) / 2);
          await page.setViewport({ width: 900, height: 640 });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: shot });
          ok(`screenshot written to ${shot}`);
          await page.setViewport({ width: 1024, height: 768 });
        }
        await checkAxe(page);
      }
      check(problems.length === 0, `page loads (${label}) with no console error${problems.length ? ': ' + problems.join('; ') : ''}`);
      await page.close();
    }
    await checkVttColours(browser, base, map);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.log(`FAIL ${e.stack || e}`); process.exit(1); });
