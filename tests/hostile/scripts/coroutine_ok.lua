-- coroutines are allowed and work
local doc = ...
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
assert(co(1) == 2 and co(5) == 10)
doc:tag("ok", doc:all())
