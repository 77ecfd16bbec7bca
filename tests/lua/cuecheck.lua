-- SPDX-License-Identifier: GPL-3.0-or-later
-- mpv script for voicecap's tests: seeks to the middle of every cue of a sync map and
-- records the subtitle text mpv shows there.
--
-- Options (--script-opts-append=cuecheck-KEY=VALUE):
--   map      the sync map (NAME.json); its "cues" give the times
--   out      where to write the result, JSON:
--            {"error": "..." (only on failure), "retries": readings retried (empty or stale),
--             "sub_file": the external subtitle file mpv selected,
--             "shown": [{"cue": i, "at": t, "pos": p, "text": "...", "ass": "..."}]}
--   timeout  seconds to wait for one seek before giving up (default 10)
-- Run mpv paused, without video or audio output, e.g.
--   mpv --no-config --pause --ao=null --vo=null --sub-auto=no --sid=1 --sub-file=NAME.srt \
--       --script=cuecheck.lua --script-opts-append=cuecheck-map=NAME.json \
--       --script-opts-append=cuecheck-out=OUT.json NAME.wav

local utils = require "mp.utils"
local options = require "mp.options"

local o = { map = "", out = "", timeout = 10 }
options.read_options(o, "cuecheck")

local SEEK_SLACK = 0.05 -- seconds between the asked and the reached position
-- After a seek mpv reads the subtitle packets for the new position from its demuxer
-- thread, and on a busy machine playback-restart can come before they are decoded: the
-- reading is then empty. A cue's middle always shows text, so an empty reading is
-- retried (seek again after a pause) a few times per cue, within a budget for the whole
-- file so that really empty cues cost little. A reading equal to the previous cue's is
-- retried the same way, in case it is left over from before the seek.
local RETRY_DELAY = 0.05
local RETRIES_PER_CUE = 6
local RETRY_BUDGET = 60
local retries_left = RETRY_BUDGET
local cue_retries = 0
local last_ass = nil

local targets = {}
local shown = {}
local next_cue = 0
local sub_file = nil -- the subtitle file mpv selected
local timer = nil
local finished = false

local function finish(err)
    if finished then return end
    finished = true
    if timer then timer:kill() end
    -- format_json returns (text, error): keep only the text for write()
    local text = utils.format_json({ error = err, shown = shown, sub_file = sub_file,
                                     retries = RETRY_BUDGET - retries_left })
    local f = io.open(o.out, "w")
    if f and text then
        f:write(text)
        f:close()
    else
        mp.msg.error("cannot write " .. o.out)
    end
    mp.commandv("quit", err and "3" or "0")
end

local function load_targets()
    local f = io.open(o.map, "r")
    if not f then return "cannot open sync map " .. o.map end
    local map = utils.parse_json(f:read("*a"))
    f:close()
    if type(map) ~= "table" or type(map.cues) ~= "table" then
        return "sync map has no cues array: " .. o.map
    end
    for i, cue in ipairs(map.cues) do
        if type(cue.start) ~= "number" or type(cue["end"]) ~= "number" then
            return "cue " .. i .. " has no numeric start/end"
        end
        targets[i] = (cue.start + cue["end"]) / 2
    end
    return nil
end

local function seek_current()
    if timer then timer:kill() end
    timer = mp.add_timeout(o.timeout, function()
        finish(string.format("no playback-restart after seeking to %.3f s (cue %d)",
            targets[next_cue], next_cue))
    end)
    mp.commandv("seek", string.format("%.6f", targets[next_cue]), "absolute+exact")
end

local function seek_next()
    next_cue = next_cue + 1
    cue_retries = 0
    if next_cue > #targets then
        finish(nil)
        return
    end
    seek_current()
end

-- Fires after every seek (and after the initial load); only a restart at the position
-- asked for counts.
local function on_restart()
    if finished or next_cue < 1 or next_cue > #targets then return end
    local t = targets[next_cue]
    local pos = mp.get_property_number("time-pos", -1)
    if math.abs(pos - t) > SEEK_SLACK then return end
    -- "text" is mpv's plain-text view; "ass" the event text libass renders (newer mpv
    -- calls it sub-text/ass, 0.35 sub-text-ass)
    local ass = mp.get_property("sub-text/ass") or mp.get_property("sub-text-ass", "")
    local suspect = ass == "" or ass == last_ass
    if suspect and cue_retries < RETRIES_PER_CUE and retries_left > 0 then
        retries_left = retries_left - 1
        cue_retries = cue_retries + 1
        if timer then timer:kill() end
        timer = mp.add_timeout(RETRY_DELAY, seek_current)
        return
    end
    last_ass = ass
    shown[#shown + 1] = { cue = next_cue, at = t, pos = pos,
                          text = mp.get_property("sub-text", ""), ass = ass }
    seek_next()
end

mp.register_event("file-loaded", function()
    sub_file = mp.get_property("current-tracks/sub/external-filename")
    if not sub_file then finish("mpv loaded no subtitle track") return end
    local err = load_targets()
    if err then finish(err) return end
    if #targets == 0 then finish(nil) return end
    seek_next()
end)
mp.register_event("playback-restart", on_restart)
mp.register_event("end-file", function() finish("file ended before every cue was shown") end)
