-- claims: direct, indirect and mixed claims with their cue and source
--
-- Part of the news preset (see README.md in this folder); runs alone too.
require("news_claims").run(...)
