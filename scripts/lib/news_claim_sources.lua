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
local function source_before(toks, ci)
    local j = ci - 1
    -- the relative pronoun nearest the cue: "Ted Cruz, who said" credits
    -- "Ted Cruz, who", so the source holds both the name and its pronoun
    local rel
    while j >= 1 do
        while j >= 1 and (STOP[toks[j].lower] or MARK[toks[j].class]) and toks[j].lower ~= "that" do
            -- a parenthesis is looked through: "Dianne Feinstein (D-Calif.) said"
            if toks[j].text == ")" then
                local k = j - 1
                while k >= 1 and k > j - 12 and toks[k].text ~= "(" and toks[k].text ~= ")" do k = k - 1 end
                if k >= 1 and toks[k].text == "(" then j = k end
            end
            j = j - 1
        end
        local i = j
        while i >= 1 and not STOP[toks[i].lower] and toks[i].class ~= "quote" and
              not (toks[i].class == "punct" and toks[i].text ~= ".") do
            i = i - 1
        end
        i = i + 1
        if i > j then return nil end
        local a, b = trim(toks, i, j, nil, AUX)
        -- an aside between commas is no subject: "X, facing a challenge,
        -- noted", "X, ..., also said", "X, citing Y, said", "X, in an
        -- interview, said", "X, last week, said", "X, however, said"
        local aside = i > 1 and (toks[i - 1].text == "," or toks[i - 1].text == ")") and
                      (a > b or adverbs(toks, a, b) or not_subject(toks, i, j))
        if not OPEN[toks[i].lower] and not aside then
            if a > b then return nil end
            -- an apposition after a name: the name is the source
            if DET[toks[a].lower] and a == i and i > 2 and toks[i - 1].text == "," and
               toks[i - 2].cap and toks[j + 1] and toks[j + 1].text == "," then
                local na = name_before(toks, i - 2)
                if na then return na, rel or i - 2 end
            end
            -- "several people climbed over the wall and chanted": the subject
            -- "drafted by Lena Ostrova, who said": the name before the pronoun
            if rel and toks[b].cap and j == b then
                local k = b
                while k > a and b - k < 4 and toks[k - 1].cap do k = k - 1 end
                return k, rel
            end
            local sa, sb = subject_from(toks, a, b)
            -- "an opportunity to say", "refusing to ask": an infinitive's
            -- subject is further off; only a clause with a verb shows it
            if toks[ci - 1].lower == "to" and j == ci - 1 and not (sa and sb < b) then
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
                if ANON[toks[k].lower] then rel = j; break end
            end
        end
        j = i - 1
    end
    return nil
end

-- The source after cue tokens ending at cj: a noun phrase up to the clause end.
local function source_after(toks, cj)
    local i = cj + 1
    local j = i
    while j <= #toks and not STOP[toks[j].lower] and toks[j].class ~= "quote" and
          not (toks[j].class == "punct" and toks[j].text ~= ".") and j - i < 8 do
        j = j + 1
    end
    local a, b = trim(toks, i, j - 1)
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
    local toks = sentence_tokens(doc:span(a - 1, a - 1 + #name))
    local sa, sb = subject_from(toks, 1, #toks)
    if sa and sb < #toks and sb - sa <= 6 and (toks[sa].cap or DET[toks[sa].lower]) then
        return k - 1, toks[sa].s, toks[sb].e
    end
    return nil
end

M.source_before = source_before
M.source_after = source_after
M.colon_source = colon_source

return M
