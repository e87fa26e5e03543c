-- news_claim_phrases.lua: token records and the noun phrases of a
-- sentence for the claims stage of the news preset (Lua layer): trimming,
-- subjects, names, clauses. Tokens are span:token_list() records; ranges
-- are token indices [i, j].
local W = require("news_claim_words")
local STOP, AUX, DET, BE, PREP, VERB, MARK, ADV, WHEN, APREP, LINK_ING, COORD, INTRO, REPORT =
    W.STOP, W.AUX, W.DET, W.BE, W.PREP, W.VERB, W.MARK, W.ADV, W.WHEN, W.APREP, W.LINK_ING, W.COORD, W.INTRO, W.REPORT

local M = {}

-- The tokens of one sentence, as records {s, e, text, lower, class, cap}.
local function sentence_tokens(sent) return sent:token_list() end

-- The first token starting at or after byte s (#toks + 1 when none).
local function index_at(toks, s)
    local lo, hi = 1, #toks + 1
    while lo < hi do
        local mid = (lo + hi) // 2
        if toks[mid].s >= s then hi = mid else lo = mid + 1 end
    end
    return lo
end

-- Trim a token range [i, j] of punctuation, quote marks and the given words.
local function trim(toks, i, j, lead, tail)
    while i <= j and (MARK[toks[i].class] or (lead and lead[toks[i].lower])) do i = i + 1 end
    while j >= i and (MARK[toks[j].class] or (tail and tail[toks[j].lower])) do j = j - 1 end
    return i, j
end

-- Whether the "." at token k ends an abbreviation inside a name: "Mr.
-- Trump", "Nicole A. Navas", "St. Louis".
local function abbrev_dot(toks, k)
    local p, n = toks[k - 1], toks[k + 1]
    return toks[k].text == "." and p and n and p.cap and #p.text <= 3 and n.cap and
           p.e == toks[k].s
end

-- A subject read from the left of a clause [i, j], up to its first verb.
local function subject_from(toks, i, j)
    i = select(1, trim(toks, i, j, STOP))
    -- a subject never opens with a finite verb: "said she hopes" -> "she"
    while i < j and (VERB[toks[i].lower] or REPORT[toks[i].lower]) and not toks[i].cap do i = i + 1 end
    local k = i
    while k <= j and not STOP[toks[k].lower] and toks[k].class ~= "quote" and
          (toks[k].class ~= "punct" or abbrev_dot(toks, k)) do
        local w = toks[k].lower
        if k > i and (VERB[w] or (not toks[k].cap and #w > 4 and w:sub(-2) == "ed" and
                                  not DET[toks[k - 1].lower])) then break end
        k = k + 1
    end
    if k - 1 >= i and k - i <= 8 then return i, k - 1 end
    return nil
end

-- Whether tokens [a, b] are all adverbs ("falsely", "effectively").
local function adverbs(toks, a, b)
    for k = a, b do
        if toks[k].cap or toks[k].lower:sub(-2) ~= "ly" then return false end
    end
    return true
end

-- Whether tokens [i, j] are a time phrase: "last week", "this past Monday".
local function time_phrase(toks, i, j)
    for k = i, j do
        if not (WHEN[toks[k].lower] or toks[k].class == "number") then return false end
    end
    return i <= j and toks[i].lower ~= "the"
end

-- Whether the clause [i, j] is no noun phrase: an adverb ("however"), a
-- time phrase ("last week"), a prepositional phrase ("in an interview"),
-- a participle ("citing Y") or a predicate ("kept asking").
local function not_subject(toks, i, j)
    local t = toks[i]
    if t.cap then return false end
    local w = t.lower
    if i == j and ADV[w] then return true end
    if APREP[w] or w:sub(-3) == "ing" or VERB[w] or REPORT[w] then return true end
    return time_phrase(toks, i, j)
end

-- Whether a comma comes just before token ci, adverbs aside: ",
-- falsely suggesting" is a participle after the sentence's subject, and so
-- is one after a conjunction or a subordinator ("but suggesting", "before
-- optimistically predicting").
local function comma_before(toks, ci)
    local k = ci - 1
    while k >= 1 and (adverbs(toks, k, k) or ADV[toks[k].lower]) do k = k - 1 end
    return k > 1 and LINK_ING[toks[k].lower]
end

-- Whether the verb at token ci shares the subject of a verb before it:
-- "X acknowledged ... but declined", "..., and said".
local function coordinated(toks, ci)
    local k = ci - 1
    while k >= 1 and (adverbs(toks, k, k) or ADV[toks[k].lower]) do k = k - 1 end
    return k > 1 and COORD[toks[k].lower] and not toks[ci].cap
end

-- Whether tokens [a, b] read as a clause rather than a name: "said the
-- talks had stalled" reports a clause, "said the minister" names a source.
local function clause_like(toks, a, b)
    for k = a, b do
        local w = toks[k].lower
        if VERB[w] or AUX[w] or BE[w] or (not toks[k].cap and #w > 4 and w:sub(-2) == "ed") then
            return true
        end
    end
    return false
end

-- A name of up to five capitalised words ending at token j and starting a
-- clause: "Mira Kovacs" in "Mira Kovacs, the head of X, said". Returns
-- its first token.
local function name_before(toks, j)
    local i = j
    while i >= 1 and j - i < 5 and (toks[i].cap or toks[i].text == ".") do i = i - 1 end
    if i == j or not toks[i + 1].cap or PREP[toks[i + 1].lower] then return nil end
    if i >= 1 and not (STOP[toks[i].lower] or MARK[toks[i].class]) then return nil end
    return i + 1
end

local function span_of(doc, toks, i, j)
    return doc:span(toks[i].s, toks[j].e)
end

-- The subject at the start of a sentence, for a participle cue after a
-- comma: "The US military carried out the strikes ..., calling it ...".
-- Clauses that open a sentence before its subject ("On Monday, X said")
-- are passed over: up to the comma after a preposition, a subordinator, an
-- adverb or a participle.
local function sentence_subject(doc, toks, ci)
    local k = 1
    while k < ci do
        local w = toks[k]
        local c = k
        while c < ci and toks[c].text ~= "," do c = c + 1 end
        if c >= ci then break end
        if not (MARK[w.class] or APREP[w.lower] or INTRO[w.lower] or ADV[w.lower] or
                (w.lower:sub(-2) == "ly" and k == 1) or w.lower:sub(-3) == "ing" or
                time_phrase(toks, k, c - 1)) then
            break
        end
        k = c + 1
    end
    local a, b = subject_from(toks, k, ci - 1)
    return a and span_of(doc, toks, a, b) or nil
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
