-- touch.lua: walks every structure gloss finds in an article and tags each
-- sentence, so malformed input exercises segmentation, spans and the YAML
-- writer, not only the loader.
local doc = ...
local n = 0
for t in doc:tokens() do n = n + #t:text() end
for q in doc:quotations() do q:text() end
for p in doc:paragraphs() do p:chars() end
for s in doc:sentences() do doc:tag("sentence", s) end
assert(n <= #doc:text())
