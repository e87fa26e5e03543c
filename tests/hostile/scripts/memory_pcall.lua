-- catching "not enough memory" and trying again
local doc = ...
local keep = {}
while true do
  pcall(function() keep[#keep + 1] = ("y"):rep(1 << 20) end)
end
