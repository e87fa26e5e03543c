local doc = ...
for s in doc:sentences() do
  local id = doc:tag("sentence", s, {n = s:index(), words = #s:text()})
end
for q in doc:quotations() do doc:tag("quote", q:content()) end
