-- bom_crlf.lua: golden case for offsets in a BOM + CRLF article: every
-- token of the first sentence, then spans holding an emoji (4 bytes, one
-- code point) and a 3-byte symbol.
local doc = ...

local first = doc:sentences()()
local n = 0
for tok in first:tokens() do
  n = n + 1
  doc:tag("token", tok, {n = n, class = tok:class()})
end

local party = gloss.regex("\u{1F389}"):find(doc)
doc:tag("emoji", party)
doc:tag("phrase", party:left(1):union(party:right(2)))
doc:tag("emoji", gloss.regex("\u{2615}"):find(doc))
doc:tag("line2", doc:sentences()():right(1, "none"):sentence())
