-- news_claims.lua: the claims stage of the news preset (Lua layer).
-- Finds reporting cues, and for each the claim it introduces (a quotation
-- next to it, or the reported clause) and the source credited with it;
-- quotations no cue explains continue the previous speaker or stay
-- unattributed.
local L = require("news_lex")

local M = {}

-- Tokens that end the clause holding a source.
local STOP = { [","] = true, [";"] = true, [":"] = true, ["("] = true, [")"] = true,
               ["—"] = true, ["–"] = true, ["--"] = true, ["-"] = true,
               ["and"] = true, ["but"] = true, ["or"] = true, ["that"] = true,
               ["because"] = true, ["while"] = true, ["whereas"] = true,
               ["although"] = true, ["though"] = true, ["if"] = true,
               ["when"] = true, ["as"] = true, ["after"] = true, ["before"] = true,
               ["since"] = true, ["so"] = true, ["than"] = true }
-- Words left off the end of a source ("the militia had vowed" -> "the militia").
local AUX = { has = true, have = true, had = true, is = true, are = true, was = true,
              were = true, will = true, would = true, could = true, should = true,
              can = true, may = true, might = true, must = true, also = true,
              still = true, later = true, ["then"] = true, already = true, ["not"] = true,
              never = true, ["n't"] = true, did = true, does = true, ["do"] = true,
              repeatedly = true, previously = true, reportedly = true, publicly = true,
              privately = true, once = true, again = true, recently = true, first = true,
              ["has been"] = true, be = true, been = true, just = true, often = true,
              long = true, always = true, quickly = true, openly = true, even = true,
              ["doesn't"] = true, ["didn't"] = true, ["don't"] = true,
              ["doesn’t"] = true, ["didn’t"] = true, ["don’t"] = true }
local OPEN = { who = true, which = true, whose = true, whom = true }
-- Cue verbs followed by whom they address: "told reporters that ...".
local TELL = { told = true, tell = true, tells = true, telling = true, asked = true,
               warned = true, urged = true, informed = true, assured = true,
               reminded = true, promised = true, advised = true }
local DET = { the = true, a = true, an = true, his = true, her = true, their = true,
              its = true, our = true, my = true, your = true, this = true,
              these = true, those = true, no = true, any = true, such = true }
local BE = { is = true, are = true, was = true, were = true, be = true, been = true,
             being = true, ["it's"] = true }
local TIME = { monday = true, tuesday = true, wednesday = true, thursday = true,
               friday = true, saturday = true, sunday = true, today = true,
               yesterday = true, tonight = true, earlier = true, later = true,
               last = true, this = true, on = true, week = true, night = true,
               morning = true, afternoon = true, evening = true }
local PREP = { on = true, ["for"] = true, ["in"] = true, at = true, by = true, of = true,
               with = true, about = true, from = true, into = true, over = true }
-- A plural noun, not a verb: "vows for revenge", "claims of fraud".
local NOUN_NEXT = { of = true, ["for"] = true, by = true, from = true, over = true,
                    against = true, among = true, were = true, are = true, have = true,
                    had = true, is = true, was = true, about = true, ["and"] = true }
-- Prepositions after which a reporting word is a noun: "for comment".
local NOUN_PREP = { ["for"] = true, of = true, with = true, without = true, ["in"] = true,
                    on = true, at = true, from = true, by = true }
-- Words of a relative clause that keeps a source anonymous.
local ANON = { named = true, identified = true, anonymity = true, authorized = true,
               authorised = true }
-- Prepositions after a cue that introduce what is said or wanted.
local TOPIC = { about = true, of = true, ["for"] = true, against = true, on = true }
local sentence_subject, abbrev_dot, REPORT, not_subject, time_phrase
local PUNCT_END = { ["."] = true, ["!"] = true, ["?"] = true, [","] = true, [";"] = true,
                    [":"] = true }
-- Common verbs ending a subject found from the left ("several people climbed").
local VERB = { is = true, are = true, was = true, were = true, has = true, have = true,
               had = true, will = true, would = true, can = true, could = true,
               went = true, made = true, took = true, gave = true, came = true,
               tried = true, kept = true, held = true, met = true, ran = true,
               began = true, left = true, got = true, saw = true, led = true,
               did = true, does = true, says = true, said = true }

-- Token classes a clause boundary or a name never includes.
local MARK = { punct = true, quote = true }

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

-- Finite reporting verbs that open no subject ("said she").
REPORT = { said = true, says = true, say = true, told = true, added = true, wrote = true,
           noted = true, argued = true, insisted = true, claimed = true, believes = true,
           thinks = true, thought = true, believed = true, predicted = true }

-- Whether the "." at token k ends an abbreviation inside a name: "Mr.
-- Trump", "Nicole A. Navas", "St. Louis".
abbrev_dot = function(toks, k)
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

-- Words that alone make no subject: "X, however, said", "X, too, said".
local ADV = { however = true, though = true, too = true, also = true, meanwhile = true,
              instead = true, both = true, still = true, ["then"] = true, now = true,
              again = true, already = true, therefore = true, nevertheless = true,
              nonetheless = true, moreover = true, furthermore = true, indeed = true,
              perhaps = true, later = true, earlier = true, once = true, often = true,
              alone = true, together = true, himself = true, herself = true,
              themselves = true, itself = true, ["in turn"] = true, meantime = true,
              ultimately = true, eventually = true, finally = true, yet = true }
-- Words of a time phrase: "last week", "this past Monday".
local WHEN = { last = true, this = true, past = true, next = true, week = true,
               month = true, year = true, weekend = true, ago = true, days = true,
               weeks = true, months = true, years = true, earlier = true, later = true,
               today = true, yesterday = true, tonight = true, morning = true,
               afternoon = true, evening = true, night = true, monday = true,
               tuesday = true, wednesday = true, thursday = true, friday = true,
               saturday = true, sunday = true, recently = true, ["the"] = true,
               same = true, day = true, on = true, two = true, three = true, few = true,
               several = true }
-- Prepositions that open an adverbial phrase, never a subject.
local APREP = { ["in"] = true, on = true, at = true, ["for"] = true, with = true,
                by = true, from = true, during = true, after = true, before = true,
                since = true, under = true, through = true, despite = true, among = true,
                without = true, like = true, unlike = true, amid = true, against = true,
                across = true, toward = true, towards = true, within = true, upon = true,
                following = true, into = true, about = true, over = true, of = true,
                to = true, via = true, per = true, throughout = true, beyond = true,
                behind = true, near = true, outside = true, inside = true }

-- Whether the clause [i, j] is no noun phrase: an adverb ("however"), a
-- time phrase ("last week"), a prepositional phrase ("in an interview"),
-- a participle ("citing Y") or a predicate ("kept asking").
not_subject = function(toks, i, j)
    local t = toks[i]
    if t.cap then return false end
    local w = t.lower
    if i == j and ADV[w] then return true end
    if APREP[w] or w:sub(-3) == "ing" or VERB[w] or REPORT[w] then return true end
    return time_phrase(toks, i, j)
end

-- Whether tokens [i, j] are a time phrase: "last week", "this past Monday".
time_phrase = function(toks, i, j)
    for k = i, j do
        if not (WHEN[toks[k].lower] or toks[k].class == "number") then return false end
    end
    return i <= j and toks[i].lower ~= "the"
end

-- Whether a comma comes just before token ci, adverbs aside: ",
-- falsely suggesting" is a participle after the sentence's subject, and so
-- is one after a conjunction or a subordinator ("but suggesting", "before
-- optimistically predicting").
local LINK_ING = { [","] = true, ["and"] = true, ["but"] = true, before = true,
                   after = true, ["while"] = true, by = true, without = true }
local function comma_before(toks, ci)
    local k = ci - 1
    while k >= 1 and (adverbs(toks, k, k) or ADV[toks[k].lower]) do k = k - 1 end
    return k > 1 and LINK_ING[toks[k].lower]
end

-- Whether the verb at token ci shares the subject of a verb before it:
-- "X acknowledged ... but declined", "..., and said".
local COORD = { ["and"] = true, ["but"] = true, ["or"] = true }
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

local function span_of(doc, toks, i, j)
    return doc:span(toks[i].s, toks[j].e)
end

-- The subject at the start of a sentence, for a participle cue after a
-- comma: "The US military carried out the strikes ..., calling it ...".
-- Clauses that open a sentence before its subject ("On Monday, X said")
-- are passed over: up to the comma after a preposition, a subordinator, an
-- adverb or a participle.
local INTRO = { when = true, ["while"] = true, as = true, ["if"] = true, although = true,
                though = true, because = true, since = true, once = true, even = true,
                but = true, ["and"] = true, so = true, yet = true, still = true,
                asked = true, speaking = true }
sentence_subject = function(doc, toks, ci)
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

-- Lowercase words a name before a colon may hold: "More from Jones:".
local COLON_LINK = { ["and"] = true, from = true, of = true, the = true, more = true }

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

function M.run(doc)
    local text = doc:text()
    -- the quotations, outermost only
    local quotes = {}
    for q in doc:quotations() do
        if q:depth() == 0 then
            local c = q:content():trim()
            local s, e = q:range()
            if c:len() > 0 then
                local para = q:paragraph()
                quotes[#quotes + 1] = { s = s, e = e, content = c, span = q,
                                        para = para and para:index(),
                                        para_start = q:left(1, "paragraph") == nil }
            end
        end
    end
    -- the cues, sentence by sentence
    local sents, order = {}, {}
    for cue, entry in L.CUES:find(doc) do
        local s, e = cue:range()
        local before = text:sub(math.max(1, s - 24), s):match("([%w'’]+)%s+$")
        before = before and before:lower()
        local noun = before and (DET[before] or (BE[before] and entry.type == "belief"))
        -- "not available for comment", "a call for calm": after a
        -- preposition a reporting word is a noun (a gerund stays a verb)
        local w0 = text:sub(s + 1, e)
        if before and NOUN_PREP[before] and not w0:find("ing$") and not w0:find(" ") then
            noun = true
        end
        local w = text:sub(s + 1, e)
        if not w:find(" ") and w:sub(-1) == "s" and w:sub(-2) ~= "ss" then
            local after = text:match("^%s+(%a+)", e + 1)
            if (after and NOUN_NEXT[after:lower()]) or w:find("^%u") and
               not (w == "Says" or w == "Tells" or w == "Adds") then
                noun = true
            end
        end
        local anon = text:match("^%s+not%s+to%s+be%s+(%a+)", e + 1)
        if noun then
            doc:near_miss(cue, "reporting word '" .. w .. "' read as a noun here: no cue")
        elseif anon and ANON[anon:lower()] then
            doc:near_miss(cue, "'" .. w .. " not to be " .. anon .. "' keeps a source anonymous: no cue")
        elseif entry.type ~= "manner" then
            local sent = cue:sentence()
            local k = sent:index()
            if not sents[k] then
                sents[k] = { span = sent, cues = {} }
                order[#order + 1] = k
            end
            local list = sents[k].cues
            list[#list + 1] = { s = s, e = e, entry = entry, span = cue }
        end
    end

    local made, claims = {}, {}
    local function tag_once(type, span, attrs)
        local s, e = span:range()
        local key = type .. ":" .. s .. ":" .. e
        if not made[key] then made[key] = doc:tag(type, span, attrs) end
        return made[key]
    end
    local used_quote = {}
    -- outermost quotations do not overlap: both ends are sorted
    local function first_ending_after(pos)  -- first quotation with e > pos
        local lo, hi = 1, #quotes + 1
        while lo < hi do
            local mid = (lo + hi) // 2
            if quotes[mid].e > pos then hi = mid else lo = mid + 1 end
        end
        return lo
    end
    local function quote_ending(lo, hi)     -- a quotation ending in [lo, hi]
        local qi = first_ending_after(lo - 1)
        local q = quotes[qi]
        if q and q.e <= hi then return qi, q end
    end
    local function quote_starting(lo, hi)   -- a quotation starting in [lo, hi]
        for qi = first_ending_after(lo), #quotes do
            local q = quotes[qi]
            if q.s > hi then break end
            if q.s >= lo then return qi, q end
        end
    end

    local in_sentence = {}    -- the contents of the claims made in this sentence
    -- src is a span, the id of a source already tagged, or nil; qi the
    -- quotation used, for the evidence --explain shows
    local function emit(content, kind, how, cue, src, para, qi)
        local quote = qi and quotes[qi].span
        if kind ~= "direct" then
            -- never cut a quotation in two: "offered “nothing ...”"
            local cs, ce = content:range()
            local q = quotes[first_ending_after(ce)]
            if q and q.s < ce and q.s >= cs then content = content:union(q.span); quote = q.span end
        end
        if not src then
            doc:near_miss(cue.span, "cue '" .. cue.span:text() .. "' left without a source: " ..
                          "its claim is kept with attribution none")
        end
        local srcspan = src
        if type(src) == "number" then srcspan = doc:annotation(src):span() end
        local claim = doc:tag("claim", content, { kind = kind, attribution = src and how or "none" },
                              { cue = cue.span, source = srcspan, quote = quote })
        doc:link(claim, "cue", tag_once("cue", cue.span, { type = cue.entry.type }))
        local sid
        if type(src) == "number" then sid = src
        elseif src then sid = tag_once("source", src) end
        if sid then doc:link(claim, "source", sid) end
        local cs, ce = content:range()
        claims[#claims + 1] = { id = claim, source = sid, para = para, s = cs }
        in_sentence[#in_sentence + 1] = { s = cs, e = ce }
        if qi then used_quote[qi] = true end
        return sid
    end

    -- Whether cue token ci opens the content of a claim made before in
    -- the sentence, as its first verb: "X said she hopes ...".
    local function opens_claim(toks, ci)
        local at = toks[ci].s
        for _, c in ipairs(in_sentence) do
            if c.s <= at and at < c.e then
                local k = index_at(toks, c.s)
                return ci - k <= 4
            end
        end
        return false
    end

    table.sort(order)
    for _, k in ipairs(order) do
        local S = sents[k]
        local toks = sentence_tokens(S.span)
        local n = #toks
        local para = S.span:paragraph()
        para = para and para:index()
        local last_source
        in_sentence = {}
        for _, cue in ipairs(S.cues) do
            -- a cue inside a quotation belongs to the quoted speech
            local inq = quotes[first_ending_after(cue.s)]
            if inq and inq.s < cue.s then
                doc:near_miss(cue.span, "cue inside a quotation: part of the quoted speech")
                goto next_cue
            end
            local ci = index_at(toks, cue.s)
            local cj = index_at(toks, cue.e) - 1
            local word = toks[ci] and toks[ci].lower or ""
            local ing = word:sub(-3) == "ing"
            local done = false
            -- 1. a quotation just before the cue: "“...,” she said"
            local lo = (ci > 5) and toks[ci - 5].s or S.span:range()
            local qi, q = quote_ending(lo, cue.s)
            if qi and not used_quote[qi] then
                local qa = index_at(toks, q.e)
                local subj = {}
                for t = qa, ci - 1 do
                    if not MARK[toks[t].class] then subj[#subj + 1] = t end
                end
                if #subj <= 4 then
                    local src
                    if #subj > 0 then src = span_of(doc, toks, subj[1], subj[#subj])
                    else
                        local a, b = source_after(toks, cj)
                        if a then src = span_of(doc, toks, a, b) end
                    end
                    last_source = emit(q.content, "direct", "after", cue, src, para, qi)
                    done = true
                end
            end
            -- 2. a quotation just after the cue: "He told a rally: “...”"
            if not done then
                local hi = (cj + 4 <= n) and toks[cj + 4].s or S.span:range() + S.span:len()
                qi, q = quote_starting(cue.e, hi)
                if qi and not used_quote[qi] then
                    local qe = index_at(toks, q.e)
                    local src
                    if ing and ci == 1 then
                        -- "Shouting “...” the crowd tried ...": the subject follows
                        local sa, sb = subject_from(toks, qe, n)
                        if sa then src = span_of(doc, toks, sa, sb) end
                    elseif ing and comma_before(toks, ci) then
                        src = last_source or sentence_subject(doc, toks, ci)
                    else
                        local a, b = source_before(toks, ci)
                        src = a and span_of(doc, toks, a, b)
                    end
                    local content, kind = q.content, "direct"
                    local rest_a, rest_b = trim(toks, qe, n)
                    local nxt = toks[qe]
                    if rest_a <= rest_b and nxt and not MARK[nxt.class] and
                       nxt.lower ~= "and" and nxt.lower ~= "or" and not (ing and ci == 1) then
                        content = q.content:union(span_of(doc, toks, rest_a, rest_b))
                        kind = "mixed"
                    end
                    last_source = emit(content, kind, "before", cue, src, para, qi)
                    -- "chanted “...” and “...”": the same cue goes on
                    local nq = quotes[qi + 1]
                    while nq and nq.s < S.span:range() + S.span:len() and kind == "direct" do
                        local gap = text:sub(quotes[qi].e + 1, nq.s)
                        if not gap:match("^[%s,]*and%s*$") and not gap:match("^[%s,]*or%s*$") then break end
                        qi = qi + 1
                        emit(nq.content, "direct", "before", cue, last_source, para, qi)
                        nq = quotes[qi + 1]
                    end
                    done = true
                end
            end
            -- 3. reported speech
            if not done and cue.entry.type == "according" then
                local a, b = source_after(toks, cj)
                local ca, cb
                if ci <= 2 then
                    local c = b and b + 1 or cj + 1
                    ca, cb = trim(toks, c, n)
                else
                    ca, cb = trim(toks, 1, ci - 1)
                end
                if ca <= cb then
                    local content = span_of(doc, toks, ca, cb)
                    last_source = emit(content, "indirect", "according", cue,
                                       a and span_of(doc, toks, a, b), para)
                end
            elseif not done then
                local after_end = cj >= n or PUNCT_END[toks[cj + 1].text] or toks[cj + 1].class == "quote"
                local a, b = source_before(toks, ci)
                local prev = toks[ci - 1]
                local sa, sb = source_after(toks, cj)
                local ends = sa and (sb >= n or toks[sb + 1].text == "," or toks[sb + 1].text == "." or
                                     toks[sb + 1].text == ";") and sb - sa <= 6 and
                             not clause_like(toks, sa, sb)
                if prev and (prev.text == "," or prev.class == "quote") and not ing and ci > 3 and ends then
                    -- "..., said X." / "..., X said."
                    local ca, cb = trim(toks, 1, ci - 1)
                    if ca <= cb then
                        last_source = emit(span_of(doc, toks, ca, cb), "indirect", "inverted",
                                           cue, span_of(doc, toks, sa, sb), para)
                    end
                elseif a and after_end and a > 2 and (toks[a - 1].text == "," or toks[a - 1].class == "quote") then
                    local ca, cb = trim(toks, 1, a - 1)
                    if ca <= cb then
                        last_source = emit(span_of(doc, toks, ca, cb), "indirect", "inverted",
                                           cue, span_of(doc, toks, a, b), para)
                    end
                else
                    local c = cj + 1
                    if TELL[word] then
                        for t = c, math.min(n, c + 4) do
                            if toks[t].lower == "that" then c = t; break end
                        end
                    end
                    while c <= n and (toks[c].lower == "that" or TIME[toks[c].lower]) do c = c + 1 end
                    local ca, cb = trim(toks, c, n)
                    -- "warned of a crisis", "argued for a ban": what the
                    -- preposition governs is the claim
                    if ca < cb and TOPIC[toks[ca].lower] then ca = ca + 1 end
                    if ca <= cb and cb - ca >= 2 and not PREP[toks[ca].lower] then
                        local src
                        if (ing and comma_before(toks, ci)) or coordinated(toks, ci) then
                            src = last_source or sentence_subject(doc, toks, ci)
                        else
                            src = a and span_of(doc, toks, a, b)
                        end
                        local content = span_of(doc, toks, ca, cb)
                        local kind = "indirect"
                        local qs, qe = content:range()
                        for qi2 = first_ending_after(qs), #quotes do
                            local q2 = quotes[qi2]
                            if q2.s > qe then break end
                            if q2.s >= qs and q2.e <= qe + 3 and not used_quote[qi2] then
                                kind = "mixed"; used_quote[qi2] = true
                            end
                        end
                        if src and cue.entry.type == "belief" and opens_claim(toks, ci) then
                            doc:near_miss(cue.span, "belief cue opening a reported clause: " ..
                                          "part of that claim ('said she hopes'), no claim of its own")
                        elseif src then
                            last_source = emit(content, kind, "subject", cue, src, para)
                        else
                            doc:near_miss(cue.span, "cue with a reported clause but no " ..
                                          "source before it: no claim made")
                        end
                    else
                        doc:near_miss(cue.span, "cue with no reported clause after it " ..
                                      "(under three words, or a preposition): no claim made")
                    end
                end
            end
            ::next_cue::
        end
    end

    -- quotations no cue explained: the speaker before goes on, or nobody
    table.sort(claims, function(x, y) return x.s < y.s end)
    local ci = 1
    local prev
    for qi, q in ipairs(quotes) do
        while ci <= #claims and claims[ci].s < q.s do prev = claims[ci]; ci = ci + 1 end
        if not used_quote[qi] then
            local words = select(2, q.content:text():gsub("%S+", ""))
            local cs, ss, se = colon_source(doc, text, q.s)
            local cont = words >= 4 and prev and prev.source and q.para and prev.para and
                         (q.para == prev.para or (q.para == prev.para + 1 and q.para_start))
            if cs or cont then
                -- a name before a colon, or else the speaker before going on
                local how, cue, sid = "continues", nil, prev and prev.source
                if cs then
                    how, cue = "before", doc:span(cs, cs + 1)
                    sid = tag_once("source", doc:span(ss, se))
                end
                local claim = doc:tag("claim", q.content, { kind = "direct", attribution = how },
                                      { quote = q.span, cue = cue,
                                        source = doc:annotation(sid):span() })
                if cue then doc:link(claim, "cue", tag_once("cue", cue, { type = "speech" })) end
                doc:link(claim, "source", sid)
                -- "“...,” she said. “...”": in one paragraph the quotation
                -- goes on with the same claim, a further piece of it
                if not cs and q.para == prev.para then
                    doc:link(claim, "part", prev.head or prev.id)
                    prev = { id = claim, head = prev.head or prev.id, source = sid,
                             para = prev.para, s = q.s }
                end
            elseif words >= 4 then
                doc:tag("claim", q.content, { kind = "direct", attribution = "none" }, { quote = q.span })
                doc:near_miss(q.span, "quotation with no cue near it and no speaker just before: " ..
                              "kept as a claim with attribution none")
            else
                doc:near_miss(q.span, "short quotation (under four words) with no cue near it: " ..
                              "no claim made")
            end
        end
    end
end

return M
