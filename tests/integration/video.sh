#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --video: the open-caption edition, checked with ffprobe, ffmpeg, libass and mpv.
# MP4 on one short seed, WebM on our own short panel interview (and --video-format avi
# refused as a usage error):
#  - ffprobe lists video (h264 / vp9), audio (aac / opus), a caption track (mov_text /
#    webvtt) and one chapter per turn of the sync map that is no announcement, each
#    starting at its turn (or at the announcement that opens it);
#  - the video lasts as long as the audio, within one frame (1/10 s);
#  - the soft captions, read back by ffmpeg as SRT, hold the sync map's cues, text and
#    times (within 15 ms: WebM shifts every stream but Opus by its 6.5 ms codec delay,
#    which ffmpeg's reading adds again; MP4 keeps them exact);
#  - a frame taken by ffmpeg at the middle of sampled cues matches libass's own
#    rendering of that cue from NAME.ass (tests/tools/vc_frame_check: mean difference
#    under 6 of 255 over the caption's box, and the caption itself at least 12 away from
#    the bare background);
#  - mpv plays the file and its screenshot (--vo=image) at a cue's middle shows the cue
#    the same way (threshold 8: mpv turns YUV into RGB with its own scaler).
set -uo pipefail
source "$(dirname "$0")/lib/harness.bash"
THRESHOLD=6
MPV_THRESHOLD=8
BG=1A1A1A
FPS=10

probe() { ffprobe -v error "$@"; }

# mid_times MAP N: the middles (ms) of N cues spread over the sync map's cues.
mid_times() {
  node -e '
    const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = m.cues, n = Math.min(+process.argv[2], c.length);
    for (let k = 0; k < n; k++) {
      const q = c[Math.floor(k * (c.length - 1) / Math.max(n - 1, 1))];
      console.log(Math.round((q.start + q.end) * 500));
    }' "$1" "$2"
}

check_video() {
  local name=$1 file=$2 format=$3 vcodec=$4 acodec=$5 scodec=$6
  local stem out map video
  stem=$(basename "$file" .txt)
  out=$tmp/$name
  echo "=== $name: render --video-format $format $file"
  if ! /usr/bin/time -f "%e s wall, %M KB peak" -o "$tmp/$name.time" \
    "$VC_BIN" render --video-format "$format" -o "$out" "$file" >"$tmp/$name.log" 2>&1; then
    fail "$name: render failed"
    indent "$tmp/$name.log"
    return
  fi
  map=$out/$stem.json
  video=$out/$stem.$format
  echo "    $(cat "$tmp/$name.time"), $(stat -c %s "$video") bytes"

  local streams
  streams=$(probe -show_entries stream=codec_type,codec_name -of csv=p=0 "$video" | tr '\n' ' ')
  echo "    streams: $streams"
  for want in "$vcodec,video" "$acodec,audio" "$scodec,subtitle"; do
    [[ " $streams" == *" $want "* ]] || fail "$name: no $want stream"
  done

  local turns chapters
  # an announcement is no chapter: it opens the chapter of the turn it names
  turns=$(node -e 'const m=require(process.argv[1]);console.log(m.turns.flatMap((t,i)=>t.announcement?[]:[(i&&m.turns[i-1].announcement?m.turns[i-1]:t).start.toFixed(3)]).join(" "))' "$map")
  chapters=$(probe -show_chapters -show_entries chapter=start_time -of csv=p=0 "$video" |
    awk -F, '{printf "%.3f ", $1}' | sed 's/ $//')
  if [ "$turns" = "$chapters" ]; then
    echo "    $(wc -w <<<"$chapters") chapters, one per turn, at the turns' (or announcements') starts"
  else
    fail "$name: chapters ($chapters) are not the turns ($turns)"
  fi

  local vdur adur
  vdur=$(probe -select_streams v:0 -show_entries stream=duration -of csv=p=0 "$video")
  [ "$format" = webm ] && vdur=$(probe -show_entries format=duration -of csv=p=0 "$video")
  adur=$(probe -show_entries format=duration -of csv=p=0 "$out/$stem.wav")
  if awk -v v="$vdur" -v a="$adur" -v f="$FPS" 'BEGIN { d = v - a; if (d < 0) d = -d; exit !(d <= 1 / f + 0.0005) }'; then
    echo "    video $vdur s, audio $adur s: within one frame"
  else
    fail "$name: video $vdur s, audio $adur s: more than one frame apart"
  fi

  ffmpeg -v error -y -i "$video" -map 0:s:0 -f srt "$tmp/$name.srt" || fail "$name: no soft captions to read"
  if node - "$tmp/$name.srt" "$map" <<'JS'; then
const fs = require('fs');
const srt = fs.readFileSync(process.argv[2], 'utf8').trim().split(/\r?\n\r?\n/);
const cues = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).cues;
const sec = (t) => { const [h, m, s] = t.replace(',', '.').split(':'); return +h * 3600 + +m * 60 + +s; };
let bad = 0;
cues.forEach((c, i) => {
  const b = (srt[i] || '').split(/\r?\n/);
  const [a, z] = (b[1] || '').split(' --> ');
  const text = b.slice(2).join('\n');
  if (Math.abs(sec(a || '0') - c.start) > 0.015 || Math.abs(sec(z || '0') - c.end) > 0.015 || text !== c.lines.join('\n')) {
    if (bad++ < 3) console.log(`    cue ${i + 1}: ${JSON.stringify(b)} vs ${JSON.stringify(c)}`);
  }
});
console.log(`    soft captions: ${cues.length - bad}/${cues.length} cues as in the sync map (${srt.length} read)`);
process.exit(bad || srt.length !== cues.length ? 1 : 0);
JS
    :
  else
    fail "$name: soft captions differ from the sync map"
  fi

  local t ok=0 n=0
  for t in $(mid_times "$map" 6); do
    n=$((n + 1))
    ffmpeg -v error -y -ss "$(awk -v t="$t" 'BEGIN { printf "%.3f", t / 1000 }')" -i "$video" \
      -frames:v 1 -c:v ppm "$tmp/frame.ppm" &&
      "$BUILD/tools/vc_frame_check" "$out/$stem.ass" "$tmp/frame.ppm" "$t" $BG $THRESHOLD | indent &&
      ok=$((ok + 1))
  done
  [ "$ok" -eq "$n" ] || fail "$name: $((n - ok)) of $n sampled frames differ from libass"

  t=$(mid_times "$map" 3 | sed -n 2p)
  rm -rf "$tmp/shots"
  mpv --no-config --really-quiet --ao=null --sid=no --vo=image --vo-image-format=png \
    --vo-image-outdir="$tmp/shots" --frames=1 --start="$(awk -v t="$t" 'BEGIN { printf "%.3f", t / 1000 }')" \
    "$video" >/dev/null 2>&1 || fail "$name: mpv could not play it"
  local shot
  shot=$(ls "$tmp"/shots/*.png 2>/dev/null | head -1)
  if [ -n "$shot" ] && ffmpeg -v error -y -i "$shot" -c:v ppm "$tmp/mpv.ppm"; then
    echo "    mpv screenshot at $t ms:"
    "$BUILD/tools/vc_frame_check" "$out/$stem.ass" "$tmp/mpv.ppm" "$t" $BG $MPV_THRESHOLD | indent ||
      fail "$name: mpv's picture does not show the cue"
  else
    fail "$name: mpv wrote no screenshot"
  fi
}

# A format it cannot write is a usage error that names the choices.
rc=0
"$VC_BIN" render --video-format avi -o "$tmp/bad" "$ROOT/seeds/001_669cbb3ea90f365c.txt" >/dev/null 2>"$tmp/bad.err" || rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "mp4 or webm" "$tmp/bad.err" || [ -e "$tmp/bad" ]; then
  fail "--video-format avi: exit $rc, $(cat "$tmp/bad.err")"
fi

check_video mp4 "$ROOT/seeds/001_669cbb3ea90f365c.txt" mp4 h264 aac mov_text
check_video webm "$ROOT/tests/data/segment/own/dev2_panel_names.txt" webm vp9 opus webvtt

finish video "MP4 and WebM carry the captions as libass draws them"
