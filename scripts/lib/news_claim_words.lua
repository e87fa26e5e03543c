-- news_claim_words.lua: the word lists of the claims stage of the news
-- preset, and the look back at the word before a cue (Lua layer). Loaded
-- once per process with require.
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

-- Finite reporting verbs that open no subject ("said she").
local REPORT = { said = true, says = true, say = true, told = true, added = true, wrote = true,
           noted = true, argued = true, insisted = true, claimed = true, believes = true,
           thinks = true, thought = true, believed = true, predicted = true }

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

-- Words linking a participle or a verb to what comes before it (see
-- news_claim_phrases: comma_before, coordinated).
local LINK_ING = { [","] = true, ["and"] = true, ["but"] = true, before = true,
                   after = true, ["while"] = true, by = true, without = true }
local COORD = { ["and"] = true, ["but"] = true, ["or"] = true }

-- Words opening a clause before a sentence's subject (see
-- news_claim_phrases: sentence_subject).
local INTRO = { when = true, ["while"] = true, as = true, ["if"] = true, although = true,
                though = true, because = true, since = true, once = true, even = true,
                but = true, ["and"] = true, so = true, yet = true, still = true,
                asked = true, speaking = true }

-- Lowercase words a name before a colon may hold: "More from Jones:".
local COLON_LINK = { ["and"] = true, from = true, of = true, the = true, more = true }

local byte = string.byte

-- Bytes of a word before a cue: ASCII letters and digits, "'" and the
-- bytes of "’" (each on its own, as a pattern set [%w'’] takes them).
local WORDB = {}
for b = 0, 255 do
    local c = string.char(b)
    WORDB[b] = c:find("[%w'’]") ~= nil
end
-- Space bytes, as %s takes them.
local SPACEB = {}
for b = 0, 255 do SPACEB[b] = string.char(b):find("%s") ~= nil end

-- The word just before byte offset s, lowered, looking back 25 bytes at
-- most (it may be cut there): what
-- text:sub(max(1, s - 24), s):match("([%w'’]+)%s+$") gives, without its
-- quadratic search.
local function word_before(text, s)
    local lo = s - 24
    if lo < 1 then lo = 1 end
    local k = s
    while k >= lo and SPACEB[byte(text, k)] do k = k - 1 end
    if k == s then return nil end
    local j = k
    while j >= lo and WORDB[byte(text, j)] do j = j - 1 end
    if j == k then return nil end
    return text:sub(j + 1, k):lower()
end

M.STOP = STOP
M.AUX = AUX
M.OPEN = OPEN
M.TELL = TELL
M.DET = DET
M.BE = BE
M.TIME = TIME
M.PREP = PREP
M.NOUN_NEXT = NOUN_NEXT
M.NOUN_PREP = NOUN_PREP
M.ANON = ANON
M.TOPIC = TOPIC
M.PUNCT_END = PUNCT_END
M.VERB = VERB
M.MARK = MARK
M.ADV = ADV
M.WHEN = WHEN
M.APREP = APREP
M.LINK_ING = LINK_ING
M.COORD = COORD
M.INTRO = INTRO
M.COLON_LINK = COLON_LINK
M.REPORT = REPORT
M.word_before = word_before

return M
