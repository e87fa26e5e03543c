-- samename.lua (tests/lua/lib): used by require_test.lua to check that
-- modules are cached by file, not by name.
return { where = "tests/lua/lib" }
