-- catastrophic backtracking in PCRE2: the match limit stops it
local doc = ...
local re = gloss.regex([[(\w+\s?)+$]])
re:match(doc:all())
