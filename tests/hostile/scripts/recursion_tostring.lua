-- __tostring calling tostring on itself
local doc = ...
local t
t = setmetatable({}, {__tostring = function() return tostring(t) end})
tostring(t)
