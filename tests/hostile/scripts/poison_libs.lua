-- tries to change library functions for later scripts and presets
local doc = ...
table.insert = function() error("pwned") end
table.sort = nil
math.floor = function() return 42 end
math.random = function() return 4 end
utf8.char = nil
coroutine.wrap = nil
gloss.regex = function() error("pwned") end
gloss.lexicon = nil
pcall(setmetatable, string, {__index = function() error("pwned") end})
pcall(setmetatable, gloss, {__newindex = function() error("pwned") end})
pcall(rawset, math, "max", function() return -1 end)
