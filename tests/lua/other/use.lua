-- use.lua: requires "samename" from its own folder (tests/lua/other).
return require("samename")
