-- the span and document metatables are locked
local doc = ...
assert(getmetatable(doc:all()) == "locked")
assert(getmetatable(doc) == "locked")
setmetatable(doc:all(), {})
