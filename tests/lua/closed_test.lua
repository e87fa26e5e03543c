-- closed_test.lua: objects kept from one article's run used during the
-- next one. Over one article it only checks that what it keeps works
-- while the article is open; the closed checks run on the second article.
-- articles: tests/lua/article.txt tests/lua/span.txt
-- The kept objects live in the testlib table, which require caches for
-- the whole run.
local doc = ...
local T = require("testlib")
local old = T.closed_test_kept

if not old then
  local re, lex = gloss.regex("\\w+"), gloss.lexicon{"council"}
  local kept = {
    doc = doc, sp = doc:span(0, 1), tok = doc:tokens()(), it = doc:tokens(),
    re = re, git = re:gmatch(doc), lex = lex, lit = lex:find(doc),
    id = doc:tag("kept", doc:span(0, 1)),
  }
  kept.ann = doc:annotation(kept.id)
  T.closed_test_kept = kept

  T.test("closed: kept objects work while the article is open", function()
    T.eq(kept.sp:text(), doc:text():sub(1, 1))
    T.eq(kept.ann:type(), "kept")
    T.eq(kept.tok:kind(), "token")
    assert(tostring(kept.doc):find("(closed)", 1, true) == nil, "open")
  end)
  T.done()
  return
end

local CLOSED = "document is closed"

T.test("closed: document methods raise", function()
  T.raises(CLOSED, old.doc.text, old.doc)
  T.raises(CLOSED, old.doc.span, old.doc, 0, 1)
  T.raises(CLOSED, old.doc.tokens, old.doc)
  T.raises(CLOSED, old.doc.tag, old.doc, "x", old.sp)
  T.eq(tostring(old.doc), "gloss.Document (closed)")
  T.eq(gloss.is_document(old.doc), true)
end)

T.test("closed: span methods raise", function()
  T.raises(CLOSED, old.sp.text, old.sp)
  T.raises(CLOSED, old.sp.range, old.sp)
  T.raises(CLOSED, old.tok.class, old.tok)
  T.eq(tostring(old.sp), "gloss.Span[0,1)")
  T.eq(tostring(old.sp:doc()), "gloss.Document (closed)")
end)

T.test("closed: iterators kept from the old article raise", function()
  T.raises(CLOSED, old.it)
  T.raises(CLOSED, old.git)
  T.raises(CLOSED, old.lit)
end)

T.test("closed: regexes and lexicons refuse old spans, work on the new doc", function()
  T.raises(CLOSED, old.re.find, old.re, old.sp)
  T.raises(CLOSED, old.lex.find, old.lex, old.sp)
  T.eq(old.re:test(doc), true)
end)

T.test("closed: annotations of the old article", function()
  T.raises(CLOSED, old.ann.type, old.ann)
  T.eq(tostring(old.ann), "gloss.Annotation(" .. old.id .. ")")
  local id = doc:tag("new", doc:span(0, 1))
  T.raises("annotation of another document", doc.link, doc, id, "r", old.ann)
  T.raises("annotation of another document", doc.link, doc, old.ann, "r", id)
  local a = doc:annotation(id)
  T.raises("annotation of another document", a.link, a, "r", old.ann)
  T.eq(a == old.ann, false)
end)

T.test("closed: spans of another document are refused", function()
  local sp = doc:span(0, 1)
  T.raises("span of another document", sp.contains, sp, old.sp)
  T.raises("span of another document", sp.union, sp, old.sp)
  T.raises(CLOSED, doc.tag, doc, "x", old.sp)
  T.raises(CLOSED, doc.annotations, doc, {within = old.sp})
  T.eq(sp == old.sp, false, "equal ranges, other document")
end)

T.done()
