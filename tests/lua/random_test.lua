-- random_test.lua: math.random starts from the same sequence for every
-- article, so an article's output never depends on the ones before it.
-- articles: tests/lua/article.txt tests/lua/span.txt
local doc = ...
local T = require("testlib")
local first = math.random(1, 1000000)

if T.random_first == nil then
  T.random_first = first            -- testlib is cached for the whole run
  T.test("random: the first article draws a number", function()
    T.eq(math.type(first), "integer")
  end)
else
  T.test("random: the second article draws the same first number", function()
    T.eq(first, T.random_first, "first draw")
  end)
end
T.done()
