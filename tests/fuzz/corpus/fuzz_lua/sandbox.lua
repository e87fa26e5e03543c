local doc = ...
string.upper = nil
getmetatable("").__index.lower = nil
local ok = pcall(function() return os end)
local co = coroutine.wrap(function() while true do coroutine.yield(1) end end)
for i = 1, 10 do co() end
doc:tag("x", doc:all(), {ok = ok, s = ("a"):lower()})
