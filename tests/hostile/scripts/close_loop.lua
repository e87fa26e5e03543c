-- a to-be-closed variable whose __close loops
local doc = ...
do
  local x <close> = setmetatable({}, {__close = function() while true do end end})
end
