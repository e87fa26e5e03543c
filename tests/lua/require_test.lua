-- require_test.lua: require looks beside the calling file first, then in
-- its lib/, then in the scripts root's lib/; each file loads once.
local doc = ...
local T = require("testlib")

T.test("require: lib/ beside the script", function()
  T.eq(require("samename").where, "tests/lua/lib")
end)

T.test("require: modules are cached by file, not by name", function()
  local other = require("other.use")
  T.eq(other.where, "tests/lua/other", "the other folder's samename")
  T.eq(require("samename").where, "tests/lua/lib", "ours is unchanged")
  T.eq(rawequal(require("samename"), require("samename")), true, "loaded once")
end)

T.test("require: bundled helpers from the scripts root", function()
  T.eq(type(require("tokens").list), "function")
end)

T.done()
