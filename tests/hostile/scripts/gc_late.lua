-- __gc added after setmetatable: Lua never finalizes such an object, so
-- this must finish normally
local doc = ...
local mt = {}
local t = setmetatable({}, mt)
mt.__gc = function() while true do end end
t = nil
for i = 1, 200000 do local x = {i} end
doc:tag("done", doc:all())
