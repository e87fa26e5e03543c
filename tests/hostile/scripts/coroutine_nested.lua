-- the loop runs three coroutines deep, each level swallowing errors
local doc = ...
local function level(n)
  return function()
    while true do
      if n == 0 then
        local x = 0
        while true do x = x + 1 end
      end
      coroutine.resume(coroutine.create(level(n - 1)))
    end
  end
end
while true do pcall(level(3)) end
