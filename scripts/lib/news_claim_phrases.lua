-- news_claim_phrases.lua: token columns and the noun phrases of a
-- sentence for the claims stage of the news preset (Lua layer): trimming,
-- subjects, names, clauses. Tokens are span:token_columns() (C.n, C.s[i],
-- C.e[i], C.text[i], C.lower[i], C.class[i], C.cap[i]); ranges are token
-- indices [i, j].
local W = require("news_claim_words")
local STOP, AUX, DET, BE, PREP, VERB, MARK, ADV, WHEN, APREP, LINK_ING, COORD, INTRO, REPORT =
    W.STOP, W.AUX, W.DET, W.BE, W.PREP, W.VERB, W.MARK, W.ADV, W.WHEN, W.APREP, W.LINK_ING, W.COORD, W.INTRO, W.REPORT

local M = {}

-- The tokens of one sentence, as columns: a table per field, not one
-- per token.
local function sentence_tokens(sent) return sent:token_columns() end

-- The first token starting at or after byte s (C.n + 1 when none).
local function index_at(C, s)
    local starts = C.s
    local lo, hi = 1, C.n + 1
    while lo < hi do
        local mid = (lo + hi) // 2
        if starts[mid] >= s then hi = mid else lo = mid + 1 end
    end
    return lo
end

-- Trim a token range [i, j] of punctuation, quote marks and the given words.
local function trim(C, i, j, lead, tail)
    local class, lower = C.class, C.lower
    while i <= j and (MARK[class[i]] or (lead and lead[lower[i]])) do i = i + 1 end
    while j >= i and (MARK[class[j]] or (tail and tail[lower[j]])) do j = j - 1 end
    return i, j
end

-- Whether the "." at token k ends an abbreviation inside a name: "Mr.
-- Trump", "Nicole A. Navas", "St. Louis".
local function abbrev_dot(C, k)
    local text, cap = C.text, C.cap
    return text[k] == "." and cap[k - 1] and cap[k + 1] and #text[k - 1] <= 3 and
           C.e[k - 1] == C.s[k]
end

-- A subject read from the left of a clause [i, j], up to its first verb.
local function subject_from(C, i, j)
    local lower, class, cap = C.lower, C.class, C.cap
    i = select(1, trim(C, i, j, STOP))
    -- a subject never opens with a finite verb: "said she hopes" -> "she"
    while i < j and (VERB[lower[i]] or REPORT[lower[i]]) and not cap[i] do i = i + 1 end
    local k = i
    while k <= j and not STOP[lower[k]] and class[k] ~= "quote" and
          (class[k] ~= "punct" or abbrev_dot(C, k)) do
        local w = lower[k]
        if k > i and (VERB[w] or (not cap[k] and #w > 4 and w:sub(-2) == "ed" and
                                  not DET[lower[k - 1]])) then break end
        k = k + 1
    end
    if k - 1 >= i and k - i <= 8 then return i, k - 1 end
    return nil
end

-- Whether tokens [a, b] are all adverbs ("falsely", "effectively").
local function adverbs(C, a, b)
    local lower, cap = C.lower, C.cap
    for k = a, b do
        if cap[k] or lower[k]:sub(-2) ~= "ly" then return false end
    end
    return true
end

-- Whether tokens [i, j] are a time phrase: "last week", "this past Monday".
local function time_phrase(C, i, j)
    local lower, class = C.lower, C.class
    for k = i, j do
        if not (WHEN[lower[k]] or class[k] == "number") then return false end
    end
    return i <= j and lower[i] ~= "the"
end

-- Whether the clause [i, j] is no noun phrase: an adverb ("however"), a
-- time phrase ("last week"), a prepositional phrase ("in an interview"),
-- a participle ("citing Y") or a predicate ("kept asking").
local function not_subject(C, i, j)
    if C.cap[i] then return false end
    local w = C.lower[i]
    if i == j and ADV[w] then return true end
    if APREP[w] or w:sub(-3) == "ing" or VERB[w] or REPORT[w] then return true end
    return time_phrase(C, i, j)
end

-- Whether a comma comes just before token ci, adverbs aside: ",
-- falsely suggesting" is a participle after the sentence's subject, and so
-- is one after a conjunction or a subordinator ("but suggesting", "before
-- optimistically predicting").
local function comma_before(C, ci)
    local lower = C.lower
    local k = ci - 1
    while k >= 1 and (adverbs(C, k, k) or ADV[lower[k]]) do k = k - 1 end
    return k > 1 and LINK_ING[lower[k]]
end

-- Whether the verb at token ci shares the subject of a verb before it:
-- "X acknowledged ... but declined", "..., and said".
local function coordinated(C, ci)
    local lower = C.lower
    local k = ci - 1
    while k >= 1 and (adverbs(C, k, k) or ADV[lower[k]]) do k = k - 1 end
    return k > 1 and COORD[lower[k]] and not C.cap[ci]
end

-- Whether tokens [a, b] read as a clause rather than a name: "said the
-- talks had stalled" reports a clause, "said the minister" names a source.
local function clause_like(C, a, b)
    local lower, cap = C.lower, C.cap
    for k = a, b do
        local w = lower[k]
        if VERB[w] or AUX[w] or BE[w] or (not cap[k] and #w > 4 and w:sub(-2) == "ed") then
            return true
        end
    end
    return false
end

-- A name of up to five capitalised words ending at token j and starting a
-- clause: "Mira Kovacs" in "Mira Kovacs, the head of X, said". Returns
-- its first token.
local function name_before(C, j)
    local lower, cap, text = C.lower, C.cap, C.text
    local i = j
    while i >= 1 and j - i < 5 and (cap[i] or text[i] == ".") do i = i - 1 end
    if i == j or not cap[i + 1] or PREP[lower[i + 1]] then return nil end
    if i >= 1 and not (STOP[lower[i]] or MARK[C.class[i]]) then return nil end
    return i + 1
end

local function span_of(doc, C, i, j)
    return doc:span(C.s[i], C.e[j])
end

-- The subject at the start of a sentence, for a participle cue after a
-- comma: "The US military carried out the strikes ..., calling it ...".
-- Clauses that open a sentence before its subject ("On Monday, X said")
-- are passed over: up to the comma after a preposition, a subordinator, an
-- adverb or a participle.
local function sentence_subject(doc, C, ci)
    local text, lower = C.text, C.lower
    local k = 1
    while k < ci do
        local w = lower[k]
        local c = k
        while c < ci and text[c] ~= "," do c = c + 1 end
        if c >= ci then break end
        if not (MARK[C.class[k]] or APREP[w] or INTRO[w] or ADV[w] or
                (w:sub(-2) == "ly" and k == 1) or w:sub(-3) == "ing" or
                time_phrase(C, k, c - 1)) then
            break
        end
        k = c + 1
    end
    local a, b = subject_from(C, k, ci - 1)
    return a and span_of(doc, C, a, b) or nil
end

M.sentence_tokens = sentence_tokens
M.index_at = index_at
M.trim = trim
M.abbrev_dot = abbrev_dot
M.subject_from = subject_from
M.adverbs = adverbs
M.time_phrase = time_phrase
M.not_subject = not_subject
M.comma_before = comma_before
M.coordinated = coordinated
M.clause_like = clause_like
M.name_before = name_before
M.span_of = span_of
M.sentence_subject = sentence_subject

return M
