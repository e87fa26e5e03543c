-- structure_test.lua: tokens, sentences, paragraphs and context windows of
-- spans, over tests/lua/article.txt.
local doc = ...
local T = require("testlib")

local function range(sp)
  local s, e = sp:range()
  return s .. "," .. e
end

-- the token whose text is `word`, the n-th such (default first)
local function token(word, n)
  n = n or 1
  for tok in doc:tokens() do
    if tok:text() == word then
      n = n - 1
      if n == 0 then return tok end
    end
  end
  error("no token " .. word)
end

local function sorted_keys(t)
  local out = {}
  for k, v in pairs(t) do
    assert(v == true, "flag values are true")
    out[#out + 1] = k
  end
  table.sort(out)
  return out
end

T.test("structure: sp:sentence holds the start", function()
  local sp = doc:span(217, 235) -- Mayor Helen Okafor
  local s = sp:sentence()
  T.eq(s:kind(), "sentence")
  T.eq(s:index(), 3)
  T.eq(s:text(), "\"We cannot wait for the next storm,\" said Mayor Helen Okafor.")
  T.eq(token("sea"):sentence():index(), 4)
  T.eq(s:sentence(), s, "a sentence's sentence is itself")
end)

T.test("structure: sp:sentence for spans starting in space", function()
  T.eq(doc:span(236, 237):sentence(), nil, "only the space")
  T.eq(doc:span(236, 240):sentence():index(), 4, "space then a sentence")
  T.eq(doc:span(236, 236):sentence():index(), 4, "empty: the next one")
  T.eq(doc:span(463, 464):sentence(), nil, "trailing newline")
end)

T.test("structure: sp:paragraph", function()
  local p = token("Okafor"):paragraph()
  T.eq(p:kind(), "paragraph")
  T.eq(p:index(), 3)
  T.eq(range(p), "175,268")
  T.eq(doc:span(38, 40):paragraph(), nil, "blank line")
  T.eq(doc:span(0, 3):paragraph():index(), 1)
  T.eq(doc:span(415, 418):paragraph():index(), 5)
end)

T.test("structure: sp:tokens lists whole tokens inside", function()
  T.same_list(T.texts(doc:span(217, 235):tokens()), {"Mayor", "Helen", "Okafor"})
  T.same_list(T.texts(doc:span(218, 235):tokens()), {"Helen", "Okafor"}, "cut start")
  T.same_list(T.texts(doc:span(217, 234):tokens()), {"Mayor", "Helen"}, "cut end")
  T.same_list(T.texts(doc:span(219, 221):tokens()), {}, "inside a token")
  T.same_list(T.texts(doc:span(236, 236):tokens()), {}, "empty")
end)

T.test("structure: sentence:tokens", function()
  local s4
  for s in doc:sentences() do if s:index() == 4 then s4 = s end end
  T.same_list(T.texts(s4:tokens()),
              {'"', "The", "sea", "will", "not", "wait", "for", "us", ".", '"'})
  local n = 0
  for tok in s4:tokens() do
    n = n + 1
    T.eq(tok:kind(), "token")
    T.eq(tok:index(), 46 + n, "document-wide index")
  end
end)

T.test("structure: sp:quotations lists quotations inside", function()
  local p3 = token("Okafor"):paragraph()
  T.same_list(T.texts(p3:quotations()),
              {"\"We cannot wait for the next storm,\"", "\"The sea will not wait for us.\""})
  T.same_list(T.texts(doc:span(176, 268):quotations()),
              {"\"The sea will not wait for us.\""}, "first one cut")
  T.same_list(T.texts(token("Critics"):sentence():quotations()), {}, "none")
  T.same_list(T.texts(doc:all():quotations()), T.texts(doc:quotations()), "all")
end)

T.test("structure: left with counts", function()
  local ok = token("Okafor")
  T.eq(ok:left(1):text(), "Helen")
  T.eq(ok:left(2):text(), "Mayor Helen")
  T.eq(ok:left(2):kind(), "span")
  T.eq(ok:left(0), nil, "zero tokens")
  T.eq(doc:tokens()():left(5), nil, "nothing before the first token")
  T.eq(range(token("said"):left(3)), "204,211")
end)

T.test("structure: left stops at the sentence or paragraph", function()
  local said = token("said")
  T.eq(range(said:left(10, "sentence")), "175,211", "exactly the sentence start")
  T.eq(range(said:left(50, "sentence")), "175,211", "capped")
  T.eq(range(said:left(50, "paragraph")), "175,211", "same paragraph start")
  T.eq(range(said:left(50, "none")), "0,211", "no stop")
  T.eq(token("Critics"):left(3, "paragraph"), nil, "paragraph start")
  T.eq(token("Critics"):left(1):text(), "\"", "crosses without a stop")
end)

T.test("structure: right with counts and stops", function()
  local ok = token("Okafor")
  T.eq(ok:right(1):text(), ".")
  T.eq(ok:right(3):text(), ". \"The")
  T.eq(ok:right(3, "sentence"):text(), ".")
  T.eq(range(ok:right(2, "paragraph")), "235,238")
  T.eq(range(ok:right(50, "paragraph")), "235,268")
  T.eq(doc:sentences()():right(1):text(), "PORTSMOUTH", "headline's next token")
  T.eq(doc:span(462, 464):right(1), nil, "nothing after the last token")
end)

T.test("structure: left/right argument errors", function()
  local ok = token("Okafor")
  T.raises("negative token count", ok.left, ok, -1)
  T.raises("invalid option 'word'", ok.right, ok, 1, "word")
  T.raises("number expected", ok.left, ok)
end)

T.test("structure: tok:class", function()
  local cases = {
    {"PORTSMOUTH", "word"}, {"7-2", "number"}, {"40", "number"},
    {"—", "punct"}, {",", "punct"}, {"\"", "quote"}, {"'", "quote"},
    {"€", "symbol"}, {"U.S.", "word"},
  }
  for _, c in ipairs(cases) do T.eq(token(c[1]):class(), c[2], c[1]) end
  T.eq(doc:sentences()():class(), nil, "not a token")
end)

T.test("structure: tok:is with token flags and classes", function()
  T.eq(token("Tuesday"):is("capitalized"), true)
  T.eq(token("city"):is("capitalized"), false)
  T.eq(token("U.S."):is("allcaps"), true)
  T.eq(token("Army"):is("allcaps"), false)
  T.eq(token("PORTSMOUTH"):is("paragraph_start"), true)
  T.eq(token("The", 3):is("sentence_start"), true)
  T.eq(token("The", 3):is("paragraph_start"), false)
  T.eq(token("40"):is("number"), true)
  T.eq(token("40"):is("word"), false)
  T.eq(token("€"):is("symbol"), true)
  T.eq(token("\""):is("quote"), true)
  T.eq(token("—"):is("punct"), true)
end)

T.test("structure: is for paragraphs", function()
  local p = doc:paragraphs()
  local p1, p2 = p(), p()
  T.eq(p1:is("headline"), true)
  T.eq(p2:is("headline"), false)
  T.eq(token("Harbour"):is("headline"), false, "headline is not a token flag")
  T.eq(p1:is("capitalized"), false, "token flag on a paragraph")
  T.eq(p1:is("word"), false, "class on a paragraph")
end)

T.test("structure: is rejects unknown flags", function()
  local tok = token("Harbour")
  T.raises("unknown flag 'bold'", tok.is, tok, "bold")
  T.raises("unknown flag ''", tok.is, tok, "")
  T.raises("string expected", tok.is, tok)
end)

T.test("structure: flags", function()
  T.same_list(sorted_keys(token("PORTSMOUTH"):flags()),
              {"allcaps", "capitalized", "paragraph_start", "sentence_start"})
  T.same_list(sorted_keys(token("city"):flags()), {})
  T.same_list(sorted_keys(doc:paragraphs()():flags()), {"headline"})
  T.same_list(sorted_keys(doc:sentences()():flags()), {}, "sentences have none")
end)

T.done()
