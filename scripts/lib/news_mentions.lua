-- news_mentions.lua: the named mentions of an article for the actors stage
-- (Lua layer): candidate names found by one regex, planned by news_names,
-- then settled by what stands around them (a sentence start, "in", a
-- score, "-backed").
local L = require("news_lex")
local N = require("news_names")
local T = require("news_teams")

local byte = string.byte
local plan_of, PLACE = N.plan_of, N.PLACE
local in_table, plays, scored = T.in_table, T.plays, T.scored
local result_line, venue, dateline = T.result_line, T.venue, T.dateline

local M = {}

-- One capitalised name word: "Foltyn", "O'Brien", "U.S.", "al-Maliki",
-- "Inzamam-ul-Haq"; an initial ("G. Thorpe") or an abbreviation ("St.
-- Louis") when a name follows. Words join across spaces and lower-case
-- particles ("Bank of England", "Nikolaus van der Pas"), "and" and a
-- possessive ("Moody's Investors Service"): plan() splits those again
-- unless the whole is one organisation.
local WORD = [[(?:(?:al|el|ad|ash|as|an|abu)-(?=\p{Lu}))?]] ..
    [[(?:(?:Gen|Col|Lt|Sgt|Capt|Maj|Dr|Mr|Mrs|Ms|Mme|Gov|Sen|Rep|Rev|Prof|Adm|Cmdr|Brig]] ..
    [[|Supt|Insp|Cpl|Pvt|St|Mt|Ft)\.(?=[ \t\x{A0}]\p{Lu})]] ..
    [[|\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}\.(?=[ \t\x{A0}]\p{Lu})]] ..
    [[|\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:&\p{Lu}+)?(?:['’]\p{Lu}\p{L}*)*]] ..
    [[(?:(?:-\p{Ll}+)*-\p{Lu}[\p{L}\p{M}]*)*)]]
local GLUE = [[(?:['’]s[ \t\x{A0}]+|[ \t\x{A0}]+(?:(?:of|for|of[ \t]the|de|du|da|di|del|della|dos]] ..
    [[|van|von|der|den|la|le|bin|ibn|al|y|&|and|['’]s)[ \t\x{A0}]+)?)]]
-- The lookahead only restates what a first character can be (a capital,
-- or the "a"/"e" of a particle): PCRE2 cannot derive that from \p{Lu},
-- and without it tries a match at every byte.
local NAME = gloss.regex([[(?<![\p{L}\p{N}'’.-])(?=[A-Zae\x{80}-\x{10FFFF}])]] ..
                         WORD .. "(?:" .. GLUE .. WORD .. ")*")

-- "Iran-backed", "US-led": a country acting through a hyphenated adjective.
local BACKED = { ["-backed"] = true, ["-led"] = true, ["-funded"] = true,
                 ["-allied"] = true, ["-aligned"] = true, ["-sponsored"] = true,
                 ["-supported"] = true, ["-brokered"] = true, ["-based"] = false }

-- Words around a name that tell its kind when no list knows it.
local PLACE_PREP = { ["in"] = true, ["at"] = true, ["from"] = true, ["near"] = true,
                     ["to"] = true, ["into"] = true, ["across"] = true, ["outside"] = true,
                     ["In"] = true, ["At"] = true, ["From"] = true, ["Near"] = true }
local STRONG_PREP = { ["in"] = true, ["near"] = true, ["In"] = true, ["Near"] = true }
-- Common nouns after a name that make it a place: "Stansted airport".
local PLACE_NOUN = {}
for w in ([[airport airfield highway tunnel province district region town village suburb
    valley river harbour harbor municipality county island]]):gmatch("%a+") do
    PLACE_NOUN[w] = true
end

-- Whether the point at byte p (1-based) ends no sentence: a lower-case
-- word or a figure follows ("Corp. said", "Calif. 1996"). Before a comma
-- it stays out, as the claims stage cuts a subject there.
local function inner_point(text, p)
    local a, b = byte(text, p + 1, p + 2)
    if a ~= 32 then return false end
    return b ~= nil and b ~= 10 and b ~= 13 and not (b >= 65 and b <= 90)
end

-- Whether a name's last word is a listed abbreviation with its point
-- ("Corp.", "Calif."), so that a point after the name belongs to it: the
-- abbreviation's kind, or false.
local dots, ndots = {}, 0
local function dotted(name)
    local r = dots[name]
    if r == nil then
        local e = L.lookup_name((name:match("(%S+)$")) .. ".")
        r = e and e.kind or false
        if ndots >= 10000 then dots, ndots = {}, 0 end
        dots[name] = r
        ndots = ndots + 1
    end
    return r
end

-- Find the named mentions: returns a list sorted by position.
local function names(doc, text)
    local out, counts, pending = {}, {}, {}
    for m in NAME:gmatch(doc) do
        local s, e = m:range()
        local t = text:sub(s + 1, e)
        local p = plan_of(t)
        if p then
            for k = 1, #p do
                local r = p[k]
                local rs = s + r.ds
                local dk = r.pend and byte(text, s + r.de + 1) == 46 and
                           inner_point(text, s + r.de + 1) and dotted(r.name)
                if dk then
                    -- "Calif.": a listed abbreviation, whatever its place
                    local name = r.name .. "."
                    counts[name] = (counts[name] or 0) + 1
                    out[#out + 1] = { s = rs, e = s + r.de + 1, name = name,
                                      kind = dk == "orghead" and "organisation" or dk }
                elseif r.pend then
                    -- a sentence starts at rs: the one holding it starts
                    -- there (asked per word: few wait, many sentences do not)
                    local sent = doc:span(rs, rs):sentence()
                    if sent and (sent:range()) == rs and
                       not (scored(text, s + r.de) and result_line(text, s + r.de)) then
                        pending[#pending + 1] = { s = rs, e = s + r.de, name = r.name,
                                                  kind = r.kind }
                    else
                        counts[r.name] = (counts[r.name] or 0) + 1
                        out[#out + 1] = { s = rs, e = s + r.de, kind = r.kind or "unknown",
                                          name = r.name }
                    end
                else
                    local re, name = s + r.de, r.name
                    if byte(text, re + 1) == 46 and inner_point(text, re + 1) and dotted(name) then
                        re = re + 1
                        name = name .. "."
                    end
                    counts[name] = (counts[name] or 0) + 1
                    out[#out + 1] = { s = rs, e = re, kind = r.kind, title = r.title,
                                      name = name, weak = r.weak }
                end
            end
        end
        -- "Iran-backed": the country acts
        if text:byte(e + 1) == 45 then
            local suffix = text:match("^%-%a+", e + 1)
            if suffix and BACKED[suffix:lower()] then
                local cs, entry = s, L.lookup_name(t)
                if not entry then
                    -- "The Iranian-backed" at a sentence start: the last word
                    local at, w = t:match("%s()(%S+)$")
                    if at then cs, entry = s + at - 1, L.lookup_name(w) end
                end
                if entry and (entry.kind == "country" or entry.kind == "demonym") then
                    out[#out + 1] = { s = cs, e = e, kind = "country", country = entry.country }
                end
            end
        end
    end
    -- by start: mostly in order already, so an insertion sort. Entries
    -- with the same start are the same mention twice (a country both
    -- known and "-backed"), so the order among them does not matter.
    for k = 2, #out do
        local m = out[k]
        local s = m.s
        if s < out[k - 1].s then
            local j = k - 1
            while j >= 1 and out[j].s > s do out[j + 1] = out[j]; j = j - 1 end
            out[j + 1] = m
        end
    end
    -- the pending words that proved to be names, merged in (they come in
    -- order, and never at the start of another entry)
    local late, surnames = {}, nil
    for _, p in ipairs(pending) do
        -- or the surname of a person named in full: "Šefčovič said"
        -- after "Maroš Šefčovič"
        if not counts[p.name] and not surnames then
            surnames = {}
            for _, m in ipairs(out) do
                if m.kind == "person" then
                    local last = m.name and m.name:match(" (%S+)$")
                    if last then surnames[last] = true end
                end
            end
        end
        if counts[p.name] or surnames[p.name] then
            late[#late + 1] = { s = p.s, e = p.e, kind = p.kind or "unknown", name = p.name }
        end
    end
    if #late > 0 then
        local all, i, j = {}, 1, 1
        while i <= #out and j <= #late do
            if late[j].s < out[i].s then all[#all + 1] = late[j]; j = j + 1
            else all[#all + 1] = out[i]; i = i + 1 end
        end
        for k = i, #out do all[#all + 1] = out[k] end
        for k = j, #late do all[#all + 1] = late[k] end
        out = all
    end
    -- drop duplicates (a known name inside a candidate may come twice)
    local dedup, last_e = {}, -1
    for _, m in ipairs(out) do
        if m.s >= last_e then dedup[#dedup + 1] = m; last_e = m.e end
    end
    -- settle unknown single words: a surname of a known person, a place
    -- after "in", else a person when a cue follows, else an organisation
    local teams, places, caps = nil, nil, false
    for _, m in ipairs(dedup) do
        m.name = m.name or text:sub(m.s + 1, m.e)
        local kind = m.kind
        if kind == "unknown" then
            local before = text:sub(math.max(1, m.s - 8), m.s):match("(%a+)%s+$")
            local c = byte(text, m.e + 2)
            local noun = c and c >= 97 and c <= 122 and byte(text, m.e + 1) == 32 and
                         PLACE_NOUN[text:match("^%l+", m.e + 2)]
            if (before and PLACE_PREP[before]) or noun then
                m.kind = "place"
                if noun or STRONG_PREP[before] then
                    places = places or {}
                    places[m.name] = true
                end
            else
                m.kind = "person"
            end
            m.guess = true
        end
        -- a city or an unknown word that plays: "Leeds 1 Wimbledon 0",
        -- "CHICAGO 69 59 .539"; a dateline "PARIS 1996-08-22" is a place
        local team = PLACE[kind] or kind == "unknown" or kind == "caps"
        if (team or m.weak) and scored(text, m.e) and in_table(text, m.s) then
            if dateline(text, m.s, m.e) then
                m.kind, m.guess, m.dateline = "city", nil, true
            elseif team or result_line(text, m.e) then
                teams = teams or {}
                teams[m.name] = true
            end
        elseif PLACE[kind] and plays(text, m.s, m.e) then
            teams = teams or {}
            teams[m.name] = true
        end
        if kind == "caps" then caps = true end
    end
    if not (teams or places or caps) then return dedup end
    local n = 0
    for _, m in ipairs(dedup) do
        if teams and teams[m.name] and not m.dateline and not venue(text, m.s) then
            m.kind, m.guess = "organisation", nil
        elseif places and m.guess and places[m.name] then
            m.kind = "place"            -- "in Doboj" tells of every "Doboj"
        end
        if m.kind ~= "caps" then n = n + 1; dedup[n] = m end
    end
    for k = #dedup, n + 1, -1 do dedup[k] = nil end
    return dedup
end

M.names = names

return M
