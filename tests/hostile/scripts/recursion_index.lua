-- recursion through a C boundary (__index function)
local doc = ...
local t
t = setmetatable({}, {__index = function(_, k) return t[k] end})
return t.x
