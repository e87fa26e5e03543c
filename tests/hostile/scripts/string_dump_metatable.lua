local doc = ...
local f = getmetatable("").__index.dump
assert(f == nil, "string.dump reachable")
f(print)
