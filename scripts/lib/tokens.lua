-- tokens.lua: small helpers over token spans shared by the presets.
local M = {}

-- The tokens lying inside a span, as a list.
function M.list(span)
  local out = {}
  if span == nil then return out end
  for tok in span:tokens() do out[#out + 1] = tok end
  return out
end

-- Personal pronouns that can stand for a source.
M.pronouns = {
  he = true, she = true, they = true, it = true, we = true, i = true,
  He = true, She = true, They = true, It = true, We = true, I = true,
}

-- Words that may sit inside a name or title ("Col. Andrei Petrov",
-- "Institute for Eastern Studies") without being capitalised.
M.name_glue = { ["."] = true, ["of"] = true, ["for"] = true, ["al"] = true,
                ["de"] = true, ["van"] = true, ["von"] = true, ["-"] = true }

-- The span covering tokens[i..j].
function M.cover(tokens, i, j)
  return tokens[i]:union(tokens[j])
end

return M
