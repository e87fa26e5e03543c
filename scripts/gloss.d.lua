---@meta
-- gloss.d.lua - type definitions of the gloss Lua API for lua-language-server
-- (completion, hover and type checks in editors). Never run: gloss itself
-- defines all of this. The reference is annotations/API.md; the test suite
-- checks that every function the binding registers is declared here.
-- Use: add this file's folder to "Lua.workspace.library" in .luarc.json.

---The gloss module: constructors and helpers.
---@class gloss
---@field version string the engine version, e.g. "0.1.0"
gloss = {}

---@alias gloss.Target gloss.Document|gloss.Span
---@alias gloss.Value string|number|boolean|(string|number|boolean)[]
---@alias gloss.Stop "none"|"sentence"|"paragraph"
---@alias gloss.Kind "token"|"sentence"|"paragraph"|"quotation"|"span"
---@alias gloss.Review "pending"|"accepted"|"rejected"|"edited"

---Compile a PCRE2 pattern (Unicode-aware). Same pattern and flags give the same Regex.
---@param pattern string
---@param flags? string any of "i" (ignore case), "x" (extended), "m" (multiline), "s" (dot all), "l" (literal)
---@return gloss.Regex
function gloss.regex(pattern, flags) end

---Load a phrase list: a file (beside the script, then ROOT/lexicons) or a list of lines.
---@param source string|string[] "name.txt", or lines "phrase\tkey=value"
---@return gloss.Lexicon
function gloss.lexicon(source) end

---Write the arguments to stderr, separated by spaces, with the script's file and line.
---@param ... any
function gloss.log(...) end

---@param value any
---@return boolean
function gloss.is_span(value) end

---@param value any
---@return boolean
function gloss.is_document(value) end

---The article being annotated: passed to each script as `local doc = ...`.
---@class gloss.Document
local Document = {}

---The whole file as a string, byte order mark included (position p is byte offset p - 1).
---@return string
function Document:text() end

---Length of the file in bytes.
---@return integer
function Document:len() end

---The article's path as given, or "-" for standard input.
---@return string
function Document:path() end

---SHA-256 of the file, 64 lowercase hex digits.
---@return string
function Document:sha256() end

---The span of bytes [start, end), 0-based, on character boundaries.
---@param start integer
---@param stop integer
---@return gloss.Span
function Document:span(start, stop) end

---The span of code points [start, end) (the YAML start/end fields).
---@param start integer
---@param stop integer
---@return gloss.Span
function Document:span_chars(start, stop) end

---The whole text, after any byte order mark.
---@return gloss.Span
function Document:all() end

---@return fun(): gloss.Span?
function Document:tokens() end

---@return fun(): gloss.Span?
function Document:sentences() end

---@return fun(): gloss.Span?
function Document:paragraphs() end

---@return fun(): gloss.Span?
function Document:quotations() end

---@param kind "tokens"|"sentences"|"paragraphs"|"quotations"
---@return integer
function Document:count(kind) end

---Record an annotation; returns its id. The call's script:line becomes its `rule`.
---`why` holds evidence spans by role (and `note`, a string), shown by `gloss run --explain`.
---@param type string
---@param span gloss.Span
---@param attrs? table<string, gloss.Value>
---@param why? table<string, gloss.Span|string>
---@return integer id
function Document:tag(type, span, attrs, why) end

---Report a near miss (listed by `gloss run --explain`; otherwise does nothing).
---@param span gloss.Span
---@param reason string
function Document:near_miss(span, reason) end

---True under `gloss run --explain`.
---@return boolean
function Document:explaining() end

---Link annotation `from` to `to` under `role`.
---@param from integer|gloss.Annotation
---@param role string
---@param to integer|gloss.Annotation
function Document:link(from, role, to) end

---@param id integer
---@return gloss.Annotation?
function Document:annotation(id) end

---The annotations made so far, in position order.
---@param filter? string|{type?: string, within?: gloss.Span, overlaps?: gloss.Span, contains?: gloss.Span}
---@return gloss.Annotation[]
function Document:annotations(filter) end

---A [start, end) byte range of one Document.
---@class gloss.Span
---@operator len: integer
local Span = {}

---@return integer start, integer stop byte offsets
function Span:range() end

---@return integer start, integer stop code point offsets
function Span:chars() end

---@return string
function Span:text() end

---@return integer
function Span:len() end

---@return integer line, integer column both 1-based, the column in code points
function Span:line() end

---@return gloss.Document
function Span:doc() end

---@return gloss.Kind
function Span:kind() end

---1-based position among the document's tokens, sentences, ...; nil for a plain span.
---@return integer?
function Span:index() end

---@param other gloss.Span
---@return boolean
function Span:contains(other) end

---@param other gloss.Span
---@return boolean
function Span:overlaps(other) end

---@param other gloss.Span
---@return boolean
function Span:before(other) end

---@param other gloss.Span
---@return boolean
function Span:after(other) end

---@param other gloss.Span
---@return gloss.Span
function Span:union(other) end

---@param other gloss.Span
---@return gloss.Span?
function Span:intersect(other) end

---The part [start + i, start + j) in bytes relative to the span.
---@param i integer
---@param j? integer
---@return gloss.Span
function Span:sub(i, j) end

---@return gloss.Span?
function Span:sentence() end

---@return gloss.Span?
function Span:paragraph() end

---@return fun(): gloss.Span?
function Span:tokens() end

---@class gloss.TokenRecord
---@field s integer byte start
---@field e integer byte end
---@field text string
---@field lower string ASCII letters lowered
---@field class "word"|"number"|"punct"|"quote"|"symbol"
---@field cap boolean first character uppercase

---The tokens of span:tokens() as plain tables, built in one call.
---@return gloss.TokenRecord[]
function Span:token_list() end

---@class gloss.TokenColumns
---@field n integer how many tokens
---@field s integer[]
---@field e integer[]
---@field text string[]
---@field lower string[]
---@field class string[]
---@field cap boolean[]

---The tokens of span:tokens() as one array per field.
---@return gloss.TokenColumns
function Span:token_columns() end

---@return fun(): gloss.Span?
function Span:quotations() end

---Up to n tokens before the span.
---@param n integer
---@param stop? gloss.Stop
---@return gloss.Span?
function Span:left(n, stop) end

---Up to n tokens after the span.
---@param n integer
---@param stop? gloss.Stop
---@return gloss.Span?
function Span:right(n, stop) end

---@param what? "space"|"punct"
---@return gloss.Span
function Span:trim(what) end

---The span grown so that it cuts no token.
---@return gloss.Span
function Span:expand() end

---A token's class.
---@return "word"|"number"|"punct"|"quote"|"symbol"|nil
function Span:class() end

---@param name string a class or flag: "word", "capitalized", "headline", "unclosed", ...
---@return boolean
function Span:is(name) end

---@return table<string, true>
function Span:flags() end

---A quotation's text without its marks.
---@return gloss.Span
function Span:content() end

---The quotation this one is nested in.
---@return gloss.Span?
function Span:parent() end

---@return integer
function Span:depth() end

---A compiled PCRE2 pattern.
---@class gloss.Regex
local Regex = {}

---The first match and one Span (or nil) per group.
---@param target gloss.Target
---@return gloss.Span? match
---@return gloss.Span? ...
function Regex:find(target) end

---@param target gloss.Target
---@return boolean
function Regex:test(target) end

---The first match as a table: [0] the match, [1].. the groups, and named groups.
---@param target gloss.Target
---@return table<integer|string, gloss.Span>?
function Regex:match(target) end

---@param target gloss.Target
---@return fun(): gloss.Span?, ...: gloss.Span?
function Regex:gmatch(target) end

---@return string
function Regex:pattern() end

---@return integer
function Regex:groups() end

---@return table<string, integer>
function Regex:names() end

---A phrase list matching whole tokens, ignoring case.
---@class gloss.Lexicon
local Lexicon = {}

---@class gloss.Entry
---@field phrase string
---@field [string] string

---@param target gloss.Target
---@return fun(): gloss.Span?, gloss.Entry?
function Lexicon:find(target) end

---@param text string
---@return gloss.Entry?
function Lexicon:lookup(text) end

---@return integer
function Lexicon:size() end

---A handle on one annotation of the article.
---@class gloss.Annotation
local Annotation = {}

---@return integer
function Annotation:id() end

---@return string
function Annotation:type() end

---@return gloss.Span
function Annotation:span() end

---@return string
function Annotation:text() end

---@param key string
---@return gloss.Value?
function Annotation:get(key) end

---@param key string
---@param value gloss.Value
function Annotation:set(key, value) end

---@return table<string, gloss.Value>
function Annotation:attrs() end

---@param role string
---@param other integer|gloss.Annotation
function Annotation:link(role, other) end

---@param role? string
---@return gloss.Annotation[]|table<string, gloss.Annotation[]>
function Annotation:links(role) end

---"SCRIPT:LINE" of the doc:tag call (the YAML rule).
---@return string
function Annotation:rule() end

---@return gloss.Review
function Annotation:review() end
