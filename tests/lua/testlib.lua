-- testlib.lua: the helpers of the Lua API tests. Each test is reported on
-- stderr as "ok - NAME" or "not ok - NAME" (tests/lua/run.sh counts them).
local T = {}
local failures = 0

function T.test(name, fn)
  local ok, err = pcall(fn)
  if ok then
    print("ok - " .. name)
  else
    failures = failures + 1
    print("not ok - " .. name .. ": " .. tostring(err))
  end
end

-- fn(...) must raise an error whose message contains `pattern` (plain).
function T.raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error containing '" .. pattern .. "'")
  err = tostring(err)
  assert(err:find(pattern, 1, true),
         "error '" .. err .. "' does not contain '" .. pattern .. "'")
end

function T.eq(got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what or "value",
                        tostring(got), tostring(want)), 2)
  end
end

-- The texts of the spans produced by an iterator.
function T.texts(iter)
  local out = {}
  for sp in iter do out[#out + 1] = sp:text() end
  return out
end

function T.same_list(got, want, what)
  T.eq(#got, #want, (what or "list") .. " length")
  for i = 1, #want do T.eq(got[i], want[i], (what or "list") .. "[" .. i .. "]") end
end

-- Raise at the end if anything failed, so the run's exit code shows it.
function T.done()
  if failures > 0 then error(failures .. " test(s) failed", 0) end
end

return T
