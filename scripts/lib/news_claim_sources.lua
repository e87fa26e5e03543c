-- news_claim_sources.lua: the source a reporting cue credits, for the
-- claims stage of the news preset (Lua layer): the clause before the cue,
-- the noun phrase after it, or a name before a colon.
local W = require("news_claim_words")
local STOP, AUX, OPEN, DET, ANON, MARK, COLON_LINK =
    W.STOP, W.AUX, W.OPEN, W.DET, W.ANON, W.MARK, W.COLON_LINK
local P = require("news_claim_phrases")
local sentence_tokens, trim, subject_from, adverbs, not_subject, name_before =
    P.sentence_tokens, P.trim, P.subject_from, P.adverbs, P.not_subject, P.name_before

local M = {}

-- The source before cue token ci: the clause that ends at it, looking
-- through relative clauses ("X, who ..., said").
local function source_before(C, ci)
    local text, lower, class, cap = C.text, C.lower, C.class, C.cap
    local j = ci - 1
    -- the relative pronoun nearest the cue: "Ted Cruz, who said" credits
    -- "Ted Cruz, who", so the source holds both the name and its pronoun
    local rel
    while j >= 1 do
        while j >= 1 and (STOP[lower[j]] or MARK[class[j]]) and lower[j] ~= "that" do
            -- a parenthesis is looked through: "Dianne Feinstein (D-Calif.) said"
            if text[j] == ")" then
                local k = j - 1
                while k >= 1 and k > j - 12 and text[k] ~= "(" and text[k] ~= ")" do k = k - 1 end
                if k >= 1 and text[k] == "(" then j = k end
            end
            j = j - 1
        end
        local i = j
        while i >= 1 and not STOP[lower[i]] and class[i] ~= "quote" and
              not (class[i] == "punct" and text[i] ~= ".") do
            i = i - 1
        end
        i = i + 1
        if i > j then return nil end
        local a, b = trim(C, i, j, nil, AUX)
        -- an aside between commas is no subject: "X, facing a challenge,
        -- noted", "X, ..., also said", "X, citing Y, said", "X, in an
        -- interview, said", "X, last week, said", "X, however, said"
        local aside = i > 1 and (text[i - 1] == "," or text[i - 1] == ")") and
                      (a > b or adverbs(C, a, b) or not_subject(C, i, j))
        if not OPEN[lower[i]] and not aside then
            if a > b then return nil end
            -- an apposition after a name: the name is the source
            if DET[lower[a]] and a == i and i > 2 and text[i - 1] == "," and
               cap[i - 2] and text[j + 1] == "," then
                local na = name_before(C, i - 2)
                if na then return na, rel or i - 2 end
            end
            -- "several people climbed over the wall and chanted": the subject
            -- "drafted by Lena Ostrova, who said": the name before the pronoun
            if rel and cap[b] and j == b then
                local k = b
                while k > a and b - k < 4 and cap[k - 1] do k = k - 1 end
                return k, rel
            end
            local sa, sb = subject_from(C, a, b)
            -- "an opportunity to say", "refusing to ask": an infinitive's
            -- subject is further off; only a clause with a verb shows it
            if lower[ci - 1] == "to" and j == ci - 1 and not (sa and sb < b) then
                return nil
            end
            if sa then return sa, rel or sb end
            if b - a <= 14 then return a, rel or b end
            return nil
        end
        if not aside and not rel then
            -- "Ted Cruz, who said": the pronoun is the cue's subject, while in
            -- "Ted Cruz, who spoke in Iowa, said" the clause is an aside
            if j == ci - 1 then rel = i end
            -- "an official who asked not to be named": the whole description
            for k = i, j do
                if ANON[lower[k]] then rel = j; break end
            end
        end
        j = i - 1
    end
    return nil
end

-- The source after cue tokens ending at cj: a noun phrase up to the clause end.
local function source_after(C, cj)
    local text, lower, class = C.text, C.lower, C.class
    local i = cj + 1
    local j = i
    while j <= C.n and not STOP[lower[j]] and class[j] ~= "quote" and
          not (class[j] == "punct" and text[j] ~= ".") and j - i < 8 do
        j = j + 1
    end
    local a, b = trim(C, i, j - 1)
    if a <= b then return a, b end
    return nil
end

-- "More from Jones: “...”", "And Mr. Christie gloated: “...”": a short
-- name, or the subject of a short clause, just before a colon credits the
-- quotation after it. Returns the colon's offset and the source's range.
local function colon_source(doc, text, qs)
    local k = qs                      -- text:sub(k, k) is the byte before the quote
    while k > 0 and text:sub(k, k):find("^%s") do k = k - 1 end
    if k < 2 or text:sub(k, k) ~= ":" then return nil end
    local lo = math.max(1, k - 100)
    local seg = text:sub(lo, k - 1)
    -- the name starts after a line break, a sentence end, a comma or a
    -- dash between spaces (not the hyphen of "17-year-old")
    local from = 1
    for pos in seg:gmatch("()[\n%.!?;,–—“”\"‘’]") do from = pos + 1 end
    for pos in seg:gmatch("%s%-+%s()") do if pos > from then from = pos end end
    local a = lo + from - 1           -- 1-based first byte of the name
    while a < k and text:sub(a, a):find("^%s") do a = a + 1 end
    local name = text:sub(a, k - 1):match("^(.-)%s*$")
    if name == "" or not name:find("^[%u%d]") then return nil end
    local n, lower = 0, 0
    for w in name:gmatch("%S+") do
        n = n + 1
        if not w:find("^[%u%d]") and not COLON_LINK[w:lower()] then lower = lower + 1 end
    end
    if n <= 6 and lower == 0 then return k - 1, a - 1, a - 1 + #name end
    if n > 12 then return nil end
    -- a clause: its subject, when a verb ends it
    local C = sentence_tokens(doc:span(a - 1, a - 1 + #name))
    local sa, sb = subject_from(C, 1, C.n)
    if sa and sb < C.n and sb - sa <= 6 and (C.cap[sa] or DET[C.lower[sa]]) then
        return k - 1, C.s[sa], C.e[sb]
    end
    return nil
end

M.source_before = source_before
M.source_after = source_after
M.colon_source = colon_source

return M
