-- coroutine.resume catches errors like pcall; nested in pcall as well
local doc = ...
local function f()
  while true do
    coroutine.resume(coroutine.create(function() while true do end end))
  end
end
while true do pcall(f) end
