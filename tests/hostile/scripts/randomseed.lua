-- math.randomseed() without arguments must not make output depend on the run
local doc = ...
math.randomseed()
local a = math.random(1, 1 << 40)
math.randomseed()
local b = math.random(1, 1 << 40)
assert(a == b, "math.randomseed() is not deterministic")
math.randomseed(7)
local c = math.random(1, 1 << 40)
math.randomseed(7)
assert(c == math.random(1, 1 << 40))
doc:tag("ok", doc:all())
