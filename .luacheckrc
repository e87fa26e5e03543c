-- .luacheckrc - luacheck (Debian package lua-check) settings for the
-- tagging scripts; the test suite runs `luacheck scripts/` when it exists.
-- Scripts run in gloss's sandbox (annotations/API.md, "The sandbox"), so
-- only the globals gloss gives them are known: os, io, load, debug and
-- package are reported as undefined, as gloss itself would refuse them.
stds.gloss = {
  read_globals = {
    "gloss", "print", "require",
    "assert", "error", "pcall", "xpcall", "ipairs", "pairs", "next",
    "select", "type", "tonumber", "tostring", "rawequal", "rawget",
    "rawlen", "rawset", "setmetatable", "getmetatable", "_VERSION",
    "string", "table", "math", "utf8", "coroutine",
  },
}
std = "gloss"

-- A script receives its document as the chunk's argument (`local doc = ...`)
-- and modules their name; both are fine to ignore.
unused_secondaries = false

-- The editor definitions declare the API; they are not a script.
exclude_files = { "scripts/gloss.d.lua", "**/*.test/**" }
