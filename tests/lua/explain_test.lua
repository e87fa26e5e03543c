-- explain_test.lua: the --explain API as every run sees it (tests/lua/run.sh
-- runs without --explain): doc:tag's why argument is checked and leaves the
-- annotation alone, doc:near_miss checks its arguments and does nothing,
-- doc:explaining() is false. What --explain writes: tests/cli/explain.sh.
local doc = ...
local T = require("testlib")

local mayor = doc:span(217, 235)              -- Mayor Helen Okafor
local quote1 = doc:quotations()()

T.test("explain: explaining() is false without --explain", function()
  T.eq(doc:explaining(), false)
end)

T.test("explain: tag with a why returns an id, attrs untouched", function()
  local id = doc:tag("speaker", mayor, { role = "mayor" },
                     { quote = quote1, note = "named before the quote" })
  local a = doc:annotation(id)
  T.eq(a:get("role"), "mayor")
  T.eq(a:get("quote"), nil, "why key as attribute")
  T.eq(a:get("note"), nil, "why note as attribute")
end)

T.test("explain: why without attrs (nil third argument)", function()
  local id = doc:tag("speaker", mayor, nil, { cue = mayor })
  T.eq(doc:annotation(id):text(), "Mayor Helen Okafor")
end)

T.test("explain: nil values in why are absent", function()
  local nothing
  doc:tag("speaker", mayor, {}, { cue = nothing, quote = quote1 })
end)

T.test("explain: why must be a table", function()
  T.raises("table expected", function() doc:tag("x", mayor, {}, "why") end)
end)

T.test("explain: why values must be spans", function()
  T.raises("why.cue must be a gloss.Span, got string",
           function() doc:tag("x", mayor, {}, { cue = "said" }) end)
  T.raises("why.n must be a gloss.Span, got number",
           function() doc:tag("x", mayor, {}, { n = 3 }) end)
end)

T.test("explain: why.note must be a string", function()
  T.raises("why.note must be a string",
           function() doc:tag("x", mayor, {}, { note = mayor }) end)
end)

T.test("explain: why keys must be names", function()
  T.raises("why keys must be non-empty strings",
           function() doc:tag("x", mayor, {}, { mayor }) end)
end)

T.test("explain: a failed why check stores nothing", function()
  local before = #doc:annotations("x")
  pcall(doc.tag, doc, "x", mayor, {}, { cue = 1 })
  T.eq(#doc:annotations("x"), before)
end)

T.test("explain: near_miss returns nothing", function()
  T.eq(select("#", doc:near_miss(quote1, "no cue")), 0)
end)

T.test("explain: near_miss checks its arguments", function()
  T.raises("gloss.Span expected", function() doc:near_miss("q", "r") end)
  T.raises("string expected", function() doc:near_miss(quote1) end)
  T.raises("empty reason", function() doc:near_miss(quote1, "") end)
end)
