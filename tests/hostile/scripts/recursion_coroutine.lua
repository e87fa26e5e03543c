-- coroutines inside coroutines
local doc = ...
local function f() coroutine.wrap(f)() end
f()
