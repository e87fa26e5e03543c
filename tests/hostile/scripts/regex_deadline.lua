-- per-start-position backtracking: the match limit resets at each start,
-- only the deadline (callout) bounds the total time
local doc = ...
local re = gloss.regex([==[\w{0,300}\w{0,300}[xz]]==])
for m in re:gmatch(doc) do end
