-- news_claims.lua: the claims stage of the news preset (Lua layer).
-- Finds reporting cues, and for each the claim it introduces (a quotation
-- next to it, or the reported clause) and the source credited with it;
-- quotations no cue explains continue the previous speaker or stay
-- unattributed.
local L = require("news_lex")
local W = require("news_claim_words")
local P = require("news_claim_phrases")
local SRC = require("news_claim_sources")

local M = {}

local TELL, DET, BE, TIME, PREP, NOUN_NEXT, NOUN_PREP, ANON, TOPIC, PUNCT_END, MARK =
    W.TELL, W.DET, W.BE, W.TIME, W.PREP, W.NOUN_NEXT, W.NOUN_PREP, W.ANON, W.TOPIC,
    W.PUNCT_END, W.MARK
local sentence_tokens, index_at, trim, subject_from, span_of = P.sentence_tokens,
    P.index_at, P.trim, P.subject_from, P.span_of
local comma_before, coordinated, clause_like, sentence_subject = P.comma_before,
    P.coordinated, P.clause_like, P.sentence_subject
local source_before, source_after, colon_source = SRC.source_before, SRC.source_after,
    SRC.colon_source
local word_before = W.word_before

function M.run(doc)
    local text = doc:text()
    local explaining = doc:explaining()
    -- the quotations, outermost only
    local quotes = {}
    for q in doc:quotations() do
        if q:depth() == 0 then
            local c = q:content():trim()
            local s, e = q:range()
            if c:len() > 0 then
                quotes[#quotes + 1] = { s = s, e = e, content = c, span = q }
            end
        end
    end
    -- the cues, sentence by sentence
    local sents, order = {}, {}
    for cue, entry in L.CUES:find(doc) do
        local s, e = cue:range()
        local before = word_before(text, s)
        local noun = before and (DET[before] or (BE[before] and entry.type == "belief"))
        -- "not available for comment", "a call for calm": after a
        -- preposition a reporting word is a noun (a gerund stays a verb)
        local w = text:sub(s + 1, e)
        local one_word = not w:find(" ", 1, true)
        if before and NOUN_PREP[before] and one_word and w:sub(-3) ~= "ing" then
            noun = true
        end
        if one_word and w:sub(-1) == "s" and w:sub(-2) ~= "ss" then
            local after = text:match("^%s+(%a+)", e + 1)
            if (after and NOUN_NEXT[after:lower()]) or w:find("^%u") and
               not (w == "Says" or w == "Tells" or w == "Adds") then
                noun = true
            end
        end
        local anon = not noun and text:match("^%s+not%s+to%s+be%s+(%a+)", e + 1)
        if noun then
            if explaining then
                doc:near_miss(cue, "reporting word '" .. w .. "' read as a noun here: no cue")
            end
        elseif anon and ANON[anon:lower()] then
            if explaining then
                doc:near_miss(cue, "'" .. w .. " not to be " .. anon .. "' keeps a source anonymous: no cue")
            end
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

    local made, claims = { cue = {}, source = {} }, {}
    -- one annotation per type and range (a cue's attributes are made
    -- only when it is new: cue_type is its type)
    local function tag_once(type, span, cue_type)
        local s, e = span:range()
        local seen = made[type]
        local key = s * 4294967296 + e
        local id = seen[key]
        if not id then
            id = doc:tag(type, span, cue_type and { type = cue_type })
            seen[key] = id
        end
        return id
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
        if not src and explaining then
            doc:near_miss(cue.span, "cue '" .. cue.span:text() .. "' left without a source: " ..
                          "its claim is kept with attribution none")
        end
        local srcspan = src
        if type(src) == "number" then srcspan = doc:annotation(src):span() end
        local claim = doc:tag("claim", content, { kind = kind, attribution = src and how or "none" },
                              { cue = cue.span, source = srcspan, quote = quote })
        doc:link(claim, "cue", tag_once("cue", cue.span, cue.entry.type))
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
    local function opens_claim(C, ci)
        local at = C.s[ci]
        for _, c in ipairs(in_sentence) do
            if c.s <= at and at < c.e then
                local k = index_at(C, c.s)
                return ci - k <= 4
            end
        end
        return false
    end

    table.sort(order)
    for _, k in ipairs(order) do
        local S = sents[k]
        -- made for the first cue outside a quotation
        local C, n, para
        local sent_s, sent_e = S.span:range()
        local last_source
        in_sentence = {}
        for _, cue in ipairs(S.cues) do
            -- a cue inside a quotation belongs to the quoted speech
            local inq = quotes[first_ending_after(cue.s)]
            if inq and inq.s < cue.s then
                doc:near_miss(cue.span, "cue inside a quotation: part of the quoted speech")
                goto next_cue
            end
            if not C then
                C = sentence_tokens(S.span)
                n = C.n
                para = S.span:paragraph()
                para = para and para:index()
            end
            local ci = index_at(C, cue.s)
            local cj = index_at(C, cue.e) - 1
            local word = C.lower[ci] or ""
            local ing = word:sub(-3) == "ing"
            local done = false
            -- 1. a quotation just before the cue: "“...,” she said"
            local lo = (ci > 5) and C.s[ci - 5] or sent_s
            local qi, q = quote_ending(lo, cue.s)
            if qi and not used_quote[qi] then
                local qa = index_at(C, q.e)
                local subj = {}
                for t = qa, ci - 1 do
                    if not MARK[C.class[t]] then subj[#subj + 1] = t end
                end
                if #subj <= 4 then
                    local src
                    if #subj > 0 then src = span_of(doc, C, subj[1], subj[#subj])
                    else
                        local a, b = source_after(C, cj)
                        if a then src = span_of(doc, C, a, b) end
                    end
                    last_source = emit(q.content, "direct", "after", cue, src, para, qi)
                    done = true
                end
            end
            -- 2. a quotation just after the cue: "He told a rally: “...”"
            if not done then
                local hi = (cj + 4 <= n) and C.s[cj + 4] or sent_e
                qi, q = quote_starting(cue.e, hi)
                if qi and not used_quote[qi] then
                    local qe = index_at(C, q.e)
                    local src
                    if ing and ci == 1 then
                        -- "Shouting “...” the crowd tried ...": the subject follows
                        local sa, sb = subject_from(C, qe, n)
                        if sa then src = span_of(doc, C, sa, sb) end
                    elseif ing and comma_before(C, ci) then
                        src = last_source or sentence_subject(doc, C, ci)
                    else
                        local a, b = source_before(C, ci)
                        src = a and span_of(doc, C, a, b)
                    end
                    local content, kind = q.content, "direct"
                    local rest_a, rest_b = trim(C, qe, n)
                    local nxt = C.lower[qe]
                    if rest_a <= rest_b and nxt and not MARK[C.class[qe]] and
                       nxt ~= "and" and nxt ~= "or" and not (ing and ci == 1) then
                        content = q.content:union(span_of(doc, C, rest_a, rest_b))
                        kind = "mixed"
                    end
                    last_source = emit(content, kind, "before", cue, src, para, qi)
                    -- "chanted “...” and “...”": the same cue goes on
                    local nq = quotes[qi + 1]
                    while nq and nq.s < sent_e and kind == "direct" do
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
                local a, b = source_after(C, cj)
                local ca, cb
                if ci <= 2 then
                    local c = b and b + 1 or cj + 1
                    ca, cb = trim(C, c, n)
                else
                    ca, cb = trim(C, 1, ci - 1)
                end
                if ca <= cb then
                    local content = span_of(doc, C, ca, cb)
                    last_source = emit(content, "indirect", "according", cue,
                                       a and span_of(doc, C, a, b), para)
                end
            elseif not done then
                local after_end = cj >= n or PUNCT_END[C.text[cj + 1]] or C.class[cj + 1] == "quote"
                local a, b = source_before(C, ci)
                local prev = C.text[ci - 1]
                local sa, sb = source_after(C, cj)
                local ends = sa and (sb >= n or C.text[sb + 1] == "," or C.text[sb + 1] == "." or
                                     C.text[sb + 1] == ";") and sb - sa <= 6 and
                             not clause_like(C, sa, sb)
                if prev and (prev == "," or C.class[ci - 1] == "quote") and not ing and ci > 3 and ends then
                    -- "..., said X." / "..., X said."
                    local ca, cb = trim(C, 1, ci - 1)
                    if ca <= cb then
                        last_source = emit(span_of(doc, C, ca, cb), "indirect", "inverted",
                                           cue, span_of(doc, C, sa, sb), para)
                    end
                elseif a and after_end and a > 2 and (C.text[a - 1] == "," or C.class[a - 1] == "quote") then
                    local ca, cb = trim(C, 1, a - 1)
                    if ca <= cb then
                        last_source = emit(span_of(doc, C, ca, cb), "indirect", "inverted",
                                           cue, span_of(doc, C, a, b), para)
                    end
                else
                    local c = cj + 1
                    if TELL[word] then
                        for t = c, math.min(n, c + 4) do
                            if C.lower[t] == "that" then c = t; break end
                        end
                    end
                    while c <= n and (C.lower[c] == "that" or TIME[C.lower[c]]) do c = c + 1 end
                    local ca, cb = trim(C, c, n)
                    -- "warned of a crisis", "argued for a ban": what the
                    -- preposition governs is the claim
                    if ca < cb and TOPIC[C.lower[ca]] then ca = ca + 1 end
                    if ca <= cb and cb - ca >= 2 and not PREP[C.lower[ca]] then
                        local src
                        if (ing and comma_before(C, ci)) or coordinated(C, ci) then
                            src = last_source or sentence_subject(doc, C, ci)
                        else
                            src = a and span_of(doc, C, a, b)
                        end
                        local content = span_of(doc, C, ca, cb)
                        local kind = "indirect"
                        local qs, qe = content:range()
                        for qi2 = first_ending_after(qs), #quotes do
                            local q2 = quotes[qi2]
                            if q2.s > qe then break end
                            if q2.s >= qs and q2.e <= qe + 3 and not used_quote[qi2] then
                                kind = "mixed"; used_quote[qi2] = true
                            end
                        end
                        if src and cue.entry.type == "belief" and opens_claim(C, ci) then
                            if explaining then
                                doc:near_miss(cue.span, "belief cue opening a reported clause: " ..
                                              "part of that claim ('said she hopes'), no claim of its own")
                            end
                        elseif src then
                            last_source = emit(content, kind, "subject", cue, src, para)
                        elseif explaining then
                            doc:near_miss(cue.span, "cue with a reported clause but no " ..
                                          "source before it: no claim made")
                        end
                    elseif explaining then
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
            local qpara = q.span:paragraph()
            qpara = qpara and qpara:index()
            local words = select(2, q.content:text():gsub("%S+", ""))
            local cs, ss, se = colon_source(doc, text, q.s)
            local cont = words >= 4 and prev and prev.source and qpara and prev.para and
                         (qpara == prev.para or
                          (qpara == prev.para + 1 and q.span:left(1, "paragraph") == nil))
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
                if cue then doc:link(claim, "cue", tag_once("cue", cue, "speech")) end
                doc:link(claim, "source", sid)
                -- "“...,” she said. “...”": in one paragraph the quotation
                -- goes on with the same claim, a further piece of it
                if not cs and qpara == prev.para then
                    doc:link(claim, "part", prev.head or prev.id)
                    prev = { id = claim, head = prev.head or prev.id, source = sid,
                             para = prev.para, s = q.s }
                end
            elseif words >= 4 then
                doc:tag("claim", q.content, { kind = "direct", attribution = "none" }, { quote = q.span })
                if explaining then
                    doc:near_miss(q.span, "quotation with no cue near it and no speaker just before: " ..
                                  "kept as a claim with attribution none")
                end
            elseif explaining then
                doc:near_miss(q.span, "short quotation (under four words) with no cue near it: " ..
                              "no claim made")
            end
        end
    end
end

return M
