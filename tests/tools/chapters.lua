-- SPDX-License-Identifier: GPL-3.0-or-later
-- mpv script: prints the loaded file's chapter-list property, one line a chapter
-- ("CHAPTER<TAB>seconds<TAB>title"), then "CHAPTERS<TAB>count", and quits.
-- Used by tests/node/chapters-check.js (mpv --script=this --ao=null --vo=null FILE).
mp.register_event("file-loaded", function()
  local list = mp.get_property_native("chapter-list") or {}
  for _, c in ipairs(list) do
    io.stdout:write(string.format("CHAPTER\t%.3f\t%s\n", c.time, c.title or ""))
  end
  io.stdout:write("CHAPTERS\t" .. #list .. "\n")
  io.stdout:flush()
  mp.command("quit")
end)
