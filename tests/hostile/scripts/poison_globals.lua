-- globals and the environment belong to this run only
local doc = ...
local assert = assert
leaked = "pwned"
print = function() error("pwned") end
pairs = nil
setmetatable(_ENV, nil)
assert(undefined_name == nil)
