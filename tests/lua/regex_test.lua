-- regex_test.lua: gloss.Regex over tests/lua/regex.txt. Matches and
-- captures are spans of the document.
local doc = ...
local T = require("testlib")
local text = doc:text()

local function range(sp)
  local s, e = sp:range()
  return s .. "," .. e
end

local function all(re, target)
  local out = {}
  for m in re:gmatch(target) do out[#out + 1] = m:text() end
  return out
end

T.test("regex: the fixture", function()
  T.eq(#text, 158)
  T.eq(doc:span(61, 67):text(), "Haddad")
end)

T.test("regex: find returns the match and captures as spans", function()
  local m, int, frac = gloss.regex("(\\d+)(?:\\.(\\d+))?%"):find(doc)
  T.eq(m:text(), "3.5%")
  T.eq(range(m), "12,16")
  T.eq(m:kind(), "span")
  assert(rawequal(m:doc(), doc), "span of the document")
  T.eq(int:text(), "3")
  T.eq(frac:text(), "5")
  T.eq(range(frac), "14,15")
end)

T.test("regex: an unset capture is nil", function()
  local re = gloss.regex("(\\d+)(?:\\.(\\d+))?%")
  local m, int, frac = re:find(doc:span(16, 158))
  T.eq(m:text(), "4%")
  T.eq(int:text(), "4")
  T.eq(frac, nil)
  T.eq(select("#", re:find(doc:span(16, 158))), 3, "values returned")
end)

T.test("regex: find returns nothing without a match", function()
  T.eq(gloss.regex("xyzzy"):find(doc), nil)
  T.eq(select("#", gloss.regex("xyzzy"):find(doc)), 0)
end)

T.test("regex: test", function()
  T.eq(gloss.regex("Gen[eè]ve"):test(doc), true)
  T.eq(gloss.regex("Geneva"):test(doc), false)
  T.eq(gloss.regex("Zürich"):test(doc:span(0, 20)), false, "outside the span")
end)

T.test("regex: match gives numbered and named captures", function()
  local t = gloss.regex("(?<city>Z\\w+) and (\\d)(?<pct>%)"):match(doc)
  T.eq(t[0]:text(), "Zürich and 4%")
  T.eq(t[1]:text(), "Zürich")
  T.eq(t[2]:text(), "4")
  T.eq(t[3]:text(), "%")
  T.eq(t.city, t[1])
  T.eq(t.pct:text(), "%")
  T.eq(range(t.city), "20,27")
end)

T.test("regex: match leaves unset captures out", function()
  local t = gloss.regex("(?<title>Prof\\. )?(?<dr>Dr\\.) (\\w+)"):match(doc)
  T.eq(t[0]:text(), "Dr. Amal")
  T.eq(t[1], nil)
  T.eq(t.title, nil)
  T.eq(t.dr:text(), "Dr.")
  T.eq(t[3]:text(), "Amal")
  T.eq(gloss.regex("xyzzy"):match(doc), nil)
end)

T.test("regex: gmatch yields every match with captures", function()
  local nums = {}
  for m, d in gloss.regex("(\\d)\\d*"):gmatch(doc) do
    nums[#nums + 1] = m:text() .. "/" .. d:text()
  end
  T.same_list(nums, {"3/3", "5/5", "4/4", "2019/2", "555/5", "0101/0"})
end)

T.test("regex: gmatch of a* never loops", function()
  T.same_list(all(gloss.regex("a*"), doc:span(61, 67)),
              {"", "a", "", "", "a", "", ""})
  local n = 0
  for _ in gloss.regex("a*"):gmatch(doc) do n = n + 1 end
  assert(n > 0 and n <= #text + 1, "bounded: " .. n)
end)

T.test("regex: the empty pattern matches on every character boundary", function()
  local starts = {}
  for m in gloss.regex(""):gmatch(doc:span(20, 27)) do
    T.eq(m:len(), 0)
    starts[#starts + 1] = (m:range())
  end
  T.same_list(starts, {20, 21, 23, 24, 25, 26, 27}, "Zürich")
  local n, on = 0, {}
  for p in utf8.codes(text) do on[p - 1] = true end
  on[#text] = true
  for m in gloss.regex(""):gmatch(doc) do
    n = n + 1
    assert(on[(m:range())], "on a boundary")
  end
  T.eq(n, utf8.len(text) + 1)
end)

T.test("regex: gmatch iterators are independent", function()
  local re = gloss.regex("\\d+")
  local a, b = re:gmatch(doc), re:gmatch(doc)
  T.eq(a():text(), "3")
  T.eq(a():text(), "5")
  T.eq(b():text(), "3")
  T.eq(a():text(), "4")
end)

T.test("regex: pattern, groups, names", function()
  local re = gloss.regex("(?<city>\\w+) (x)? (?<n>\\d)")
  T.eq(re:pattern(), "(?<city>\\w+) (x)? (?<n>\\d)")
  T.eq(re:groups(), 3)
  local names = re:names()
  T.eq(names.city, 1)
  T.eq(names.n, 3)
  T.eq(gloss.regex("abc"):groups(), 0)
  T.eq(next(gloss.regex("abc"):names()), nil)
  T.eq(tostring(gloss.regex("a+b")), "gloss.Regex(/a+b/)")
end)

T.test("regex: compiled regexes are cached by pattern and flags", function()
  assert(rawequal(gloss.regex("\\d+"), gloss.regex("\\d+")), "same object")
  assert(rawequal(gloss.regex("x", ""), gloss.regex("x")), "empty flags")
  assert(rawequal(gloss.regex("x", "im"), gloss.regex("x", "mi")), "flag order")
  assert(not rawequal(gloss.regex("x", "i"), gloss.regex("x")), "flags differ")
  assert(not rawequal(gloss.regex("x"), gloss.regex("y")), "patterns differ")
end)

T.test("regex: flag i is Unicode caseless", function()
  T.eq(gloss.regex("zürich"):find(doc), nil)
  T.eq(gloss.regex("zürich", "i"):find(doc):text(), "Zürich")
  T.eq(gloss.regex("école", "i"):find(doc):text(), "ÉCOLE")
  T.eq(gloss.regex("now", "i"):find(doc):text(), "NOW")
end)

T.test("regex: flag x ignores pattern space", function()
  T.eq(gloss.regex("\\d + %"):find(doc), nil)
  T.eq(gloss.regex("\\d + %  # a percentage", "x"):find(doc):text(), "5%")
end)

T.test("regex: flag m anchors at line starts", function()
  T.eq(gloss.regex("^Tel"):find(doc), nil)
  T.eq(range(gloss.regex("^Tel", "m"):find(doc)), "134,137")
  T.eq(gloss.regex("school\\.$"):find(doc), nil)
  T.eq(gloss.regex("school\\.$", "m"):find(doc):text(), "school.")
end)

T.test("regex: flag s lets . match a newline", function()
  T.eq(gloss.regex("Haddad\\..The"):find(doc), nil)
  T.eq(gloss.regex("Haddad\\..The", "s"):find(doc):text(), "Haddad.\nThe")
end)

T.test("regex: flag l matches the pattern literally", function()
  T.eq(gloss.regex("3.5%", "l"):find(doc):text(), "3.5%")
  T.eq(gloss.regex("(opened", "l"):find(doc):text(), "(opened")
  T.eq(gloss.regex("3.5", "l"):test(doc:span(12, 14)), false)
  T.eq(gloss.regex("Tel."):find(doc):text(), "Tel ")
  T.eq(gloss.regex("Tel.", "l"):find(doc), nil, "dot is not a wildcard")
  T.eq(gloss.regex("CAFÉ (", "li"):find(doc):text(), "café (", "l with i")
end)

T.test("regex: unknown flag", function()
  T.raises("unknown regex flag 'q'", gloss.regex, "x", "q")
  T.raises("unknown regex flag 'I'", gloss.regex, "x", "iI")
  T.raises("string expected", gloss.regex, "x", {})
end)

T.test("regex: bad pattern reports the offset", function()
  T.raises("bad regex /a(b/", gloss.regex, "a(b")
  T.raises("at offset 3", gloss.regex, "a(b")
  T.raises("at offset 1", gloss.regex, "a)")
  T.raises("invalid UTF-8 in pattern at offset 1", gloss.regex, "a\255")
  T.raises("string expected", gloss.regex)
  T.raises("string expected", gloss.regex, {})
  -- a failed pattern is not cached: the error comes every time
  T.raises("bad regex", gloss.regex, "a(b")
end)

T.test("regex: search stays inside the span", function()
  local m = gloss.regex("\\w+"):find(doc:span(62, 65))
  T.eq(m:text(), "add", "cut at both ends")
  T.same_list(all(gloss.regex("\\d"), doc:span(87, 89)), {"2", "0"})
  T.eq(gloss.regex("Haddad"):find(doc:span(61, 66)), nil, "one byte short")
  T.eq(gloss.regex("\\w+$"):find(doc:span(61, 64)):text(), "Had", "$ at span end")
  local sp = doc:span(99, 103)
  T.eq(gloss.regex("."):find(sp):text(), "😀", "one code point")
end)

T.test("regex: argument errors", function()
  local re = gloss.regex("x")
  T.raises("gloss.Document or gloss.Span expected", re.find, re, 42)
  T.raises("gloss.Document or gloss.Span expected", re.test, re, "text")
  T.raises("gloss.Document or gloss.Span expected", re.gmatch, re)
  T.raises("gloss.Regex expected", re.find, doc, doc)
  T.raises("gloss.Regex expected", re.pattern, nil)
  T.eq(getmetatable(re), "locked")
end)

T.done()
