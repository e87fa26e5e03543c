-- news_cluster.lua: which mentions of the actors stage are one actor
-- (Lua layer): union-find over mentions joined by a shared key, a person's
-- surname, a country's other names, initials and "X (Y)".
local L = require("news_lex")
local words_of = require("news_names").words_of

local byte, sub, lower = string.byte, string.sub, string.lower

local M = {}

-- Union-find over mentions.
local function find(p, i)
    while p[i] ~= i do p[i] = p[p[i]]; i = p[i] end
    return i
end

local UPPER = {}
for c = 65, 90 do UPPER[c] = string.char(c) end

-- The words of a name as news_names.words_of splits it (a trailing
-- possessive a word of its own), as strings, and the initials of a
-- multi-word name ("Popular Mobilization Forces" -> PMF) or nil. Worked
-- out once per distinct name (info_of caches it).
local function words_and_initials(name)
    local words = words_of(name, true)
    local n = #words
    if n < 2 then return words, nil end
    local ini, caps = "", 0
    for k = 1, n do
        local c = UPPER[byte(words[k])]
        if c then ini = ini .. c; caps = caps + 1 end
    end
    return words, caps >= 2 and ini or nil
end

-- What clustering needs of a name, worked out once per distinct name:
-- its matching key (lowercased, without a leading "the " or a trailing
-- possessive), its words and its initials; cached in two generations as
-- news_lex does.
local infos, infos_old, ninfos = {}, {}, 0
local function info_of(name)
    local inf = infos[name]
    if inf then return inf end
    inf = infos_old[name]
    if not inf then
        local key = lower(name)
        local a, b, c, d = byte(key, 1, 4)
        if a == 116 and b == 104 and c == 101 and d == 32 then key = sub(key, 5) end
        -- a possessive is no part of the key: "Moody's", "Moody’s"
        local n = #key
        if n >= 2 and byte(key, n) == 115 then
            local x, y, q = byte(key, n - 3, n - 1)
            if q == 39 then key = sub(key, 1, n - 2)
            elseif q == 0x99 and y == 0x80 and x == 0xE2 then key = sub(key, 1, n - 4) end
        end
        local words, ini = words_and_initials(name)
        inf = { key = key, gkey = false, words = words, ini = ini }
    end
    if ninfos >= 10000 then infos, infos_old, ninfos = {}, infos, 0 end
    infos[name] = inf
    ninfos = ninfos + 1
    return inf
end

-- The name a country's entity takes: the lists' `name=` for another
-- name of it ("USA" -> United States), else the name as written.
local function country_name(name)
    local e = L.lookup_name(name)
    return e and e.kind == "country" and (e.name or name) or nil
end

local function cluster(text, ms)
    local parent = {}
    for i = 1, #ms do parent[i] = i end
    local function union(a, b) parent[find(parent, a)] = find(parent, b) end
    -- word -> the latest multi-word person holding it; the words that
    -- end a group named with its country -> that group
    local by_key, by_word, alias, by_tail = {}, {}, {}, {}
    for i, m in ipairs(ms) do
        local inf = info_of(m.name)
        local nominal = m.mention == "nominal"
        local key = inf.key
        if nominal then
            key = inf.gkey
            if not key then key = "g:" .. inf.key; inf.gkey = key end
        end
        -- a country goes by its lists' name: "USA", "America" and "US"
        -- are the United States, and "Iranian-backed" is Iran acting
        if m.kind == "country" and not nominal then
            m.canon = m.country or country_name(m.name)
            if m.canon then key = m.canon:lower() end
        end
        if by_key[key] then union(i, by_key[key]) else by_key[key] = i end
        local ws = inf.words
        if nominal and m.kind == "group" then
            if m.country and #ws > 1 then
                -- "Iraqi protesters": a later bare "the protesters" means them
                local tail = lower(ws[#ws])
                by_tail[tail] = i
                for k = #ws - 1, 2, -1 do
                    tail = lower(ws[k]) .. " " .. tail
                    by_tail[tail] = i
                end
            elseif not m.country and by_tail[inf.key] then
                union(i, by_tail[inf.key])
            end
        end
        if m.kind == "person" and not nominal then
            if #ws == 1 then
                -- a surname or first name of a person met before
                local p = by_word[ws[1]]
                if p then union(i, p) end
            else
                -- "Donald J. Trump" after "Donald Trump"
                local p = by_word[ws[#ws]]
                if p and p == by_word[ws[1]] then union(i, p) end
                for k = 1, #ws do by_word[ws[k]] = i end
            end
        end
        local ini = inf.ini
        if ini and not nominal then alias[ini] = alias[ini] or i end
    end
    -- acronyms: "PMF" joins "Popular Mobilization Forces"; a name in
    -- parentheses right after another is the same actor
    for i, m in ipairs(ms) do
        local a = alias[m.name]
        if a and a ~= i then union(i, a) end
        local nxt = ms[i + 1]
        if nxt and m.mention ~= "nominal" and nxt.mention ~= "nominal" then
            -- what lies between matches only when it ends in "(" or in
            -- " " and is short: look at its last byte before cutting it
            local gap = nxt.s - m.e
            if gap > 0 then
                local last = byte(text, nxt.s)
                if last == 40 then
                    if byte(text, nxt.e + 1) == 41 and
                       sub(text, m.e + 1, nxt.s):match("^%s*%($") then
                        union(i, i + 1)
                    end
                elseif last == 32 and gap >= 10 and gap <= 16 then
                    local between = sub(text, m.e + 1, nxt.s)
                    if between:match("^,? also known as $") or
                       between:match("^,? known as $") then
                        union(i, i + 1)
                    end
                end
            end
        end
    end
    return parent
end

M.find, M.info_of, M.cluster = find, info_of, cluster

return M
