-- recursion through string.gsub callbacks
local doc = ...
local function f(s) return (s:gsub(".", f)) end
f("ab")
