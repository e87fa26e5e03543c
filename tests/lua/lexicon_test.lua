-- lexicon_test.lua: gloss.Lexicon from a file beside this script
-- (tests/lua/lexicon.lexicon.txt) and from a list, over
-- tests/lua/lexicon.txt.
local doc = ...
local T = require("testlib")

local lex = gloss.lexicon("lexicon.lexicon.txt")

local function found(l, target)
  local out = {}
  for sp, entry in l:find(target) do
    out[#out + 1] = sp:text() .. "=" .. entry.phrase
  end
  return out
end

T.test("lexicon: loads from the script's folder", function()
  T.eq(lex:size(), 8, "entries (a repeated phrase counts once)")
  T.eq(tostring(lex), "gloss.Lexicon(8 entries)", "tostring")
end)

T.test("lexicon: files are cached by path", function()
  assert(rawequal(gloss.lexicon("lexicon.lexicon.txt"), lex), "same object")
end)

T.test("lexicon: find is longest-match, case-folded, on token boundaries", function()
  T.same_list(found(lex, doc), {
    "Senator=senator",
    "María López=maría lópez",
    "Prime Minister of Canada=Prime Minister of Canada",
    "New York=New York",
    "United Nations=United Nations",
    "UN=UN",
    "prime minister=prime minister",
  })
end)

T.test("lexicon: find yields spans of the document", function()
  local sp = lex:find(doc)()
  T.eq(sp:kind(), "span")
  local s, e = sp:range()
  T.eq(s, 0)
  T.eq(e, 7)
  assert(rawequal(sp:doc(), doc), "doc")
end)

T.test("lexicon: entry attributes", function()
  local e = {}
  for sp, entry in lex:find(doc) do e[sp:text()] = entry end
  T.eq(e["Prime Minister of Canada"].role, "head")
  T.eq(e["Prime Minister of Canada"].country, "CA")
  T.eq(e["New York"].kind, "city")
  T.eq(e["New York"].size, nil, "the longer entry did not match")
  T.eq(e["UN"].value, "short", "a field without '='")
  T.eq(e["María López"].note, "spaced value", "trimmed")
  T.eq(e["prime minister"].rank, "1", "values are strings")
  T.eq(e["United Nations"].kind, "org", "first entry wins")
  T.eq(e["United Nations"].extra, "merged", "later keys merge")
end)

T.test("lexicon: find inside a span only", function()
  local p2 = doc:span(77, doc:len() - 1)
  T.same_list(found(lex, p2), {
    "United Nations=United Nations", "UN=UN", "prime minister=prime minister",
  })
  -- a span that cuts "New York" in half finds nothing there
  T.same_list(found(lex, doc:span(0, 64)), {
    "Senator=senator", "María López=maría lópez",
    "Prime Minister of Canada=Prime Minister of Canada",
  })
  T.same_list(found(lex, doc:span(3, 64)), {"María López=maría lópez",
                                        "Prime Minister of Canada=Prime Minister of Canada"},
              "partial tokens at both ends are skipped")
  T.same_list(found(lex, doc:span(5, 5)), {}, "empty span")
end)

T.test("lexicon: lookup", function()
  local e = lex:lookup("PRIME MINISTER")
  T.eq(e.role, "office")
  T.eq(e.phrase, "prime minister")
  T.eq(lex:lookup("prime"), nil, "a prefix is not an entry")
  T.eq(lex:lookup("nobody"), nil)
  T.eq(lex:lookup("MARÍA LÓPEZ").kind, "person", "Unicode case folding")
  assert(rawequal(lex:lookup("un"), lex:lookup("UN")), "entry tables are cached")
end)

T.test("lexicon: from a list", function()
  local l = gloss.lexicon{"Monday", "vote\tkind=verb", "Oslo", 42}
  T.eq(l:size(), 4)
  T.same_list(found(l, doc), {"Monday=Monday", "vote=vote", "Oslo=Oslo"})
  T.eq(l:lookup("VOTE").kind, "verb")
  T.eq(l:lookup("42").phrase, "42", "numbers are phrases")
  assert(not rawequal(gloss.lexicon{"x"}, gloss.lexicon{"x"}), "lists are not cached")
  T.eq(gloss.lexicon{}:size(), 0)
end)

T.test("lexicon: not found", function()
  T.raises("lexicon 'nope.txt' not found", gloss.lexicon, "nope.txt")
  T.raises("looked beside the script", gloss.lexicon, "nope.txt")
  T.raises("lexicon 'no-such-file.txt' not found", gloss.lexicon, "no-such-file.txt")
  T.raises("string expected", gloss.lexicon)
  T.raises("string expected", gloss.lexicon, true)
end)

T.test("lexicon: bad lists", function()
  T.raises("list of strings expected", gloss.lexicon, {"a", {}})
  T.raises("list of strings expected", gloss.lexicon, {"a", true})
  T.raises("lexicon (list): line 2: empty attribute key",
           gloss.lexicon, {"ok", "bad\t=x"})
  T.raises("lexicon (list): line 1: empty phrase", gloss.lexicon, {"  \tkey=v"})
  T.raises("invalid UTF-8", gloss.lexicon, {"caf\233"})
end)

T.test("lexicon: argument errors", function()
  T.raises("gloss.Document or gloss.Span expected", lex.find, lex, "text")
  T.raises("gloss.Lexicon expected", lex.find, doc, doc)
  T.raises("string expected", lex.lookup, lex)
  T.raises("gloss.Lexicon expected", lex.size, {})
  T.eq(getmetatable(lex), "locked")
end)

T.test("lexicon: only files beside the script or under the scripts root", function()
  T.raises("without '..'", gloss.lexicon, "/etc/passwd")
  T.raises("without '..'", gloss.lexicon, "../lua/lexicon.lexicon.txt")
  T.raises("without '..'", gloss.lexicon, "sub/../../x.txt")
  T.eq(gloss.lexicon("lexicon.lexicon.txt"):size() > 0, true, "beside the script")
end)

T.done()
