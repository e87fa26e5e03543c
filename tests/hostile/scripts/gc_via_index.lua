-- __gc handed out by the metatable's own __index
local doc = ...
local mt = setmetatable({}, {__index = function(_, k)
  if k == "__gc" then return function() while true do end end end
end})
setmetatable({}, mt)
