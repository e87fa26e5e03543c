# gloss - Lua-scriptable text-annotation engine.
# Layers, each depending only on the ones below it:
#   cli/      the gloss command (no lua.h)
#   binding/  the Lua 5.4 API and script runner (the only code that includes lua.h)
#   core/     articles, spans, segmentation, regex, lexicons, store, YAML (plain C11)

VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
LUA_PC ?= lua5.4
PCRE_PC ?= libpcre2-8
YAML_PC ?= yaml-0.1
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
BUILD ?= build

WARN = -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
       -Wwrite-strings -Wundef -Wpedantic -Wformat=2 -Wno-format-nonliteral
CORE_DEPS = $(shell $(PKG_CONFIG) --cflags $(PCRE_PC) $(YAML_PC))
LUA_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LUA_PC))
LIBS = $(shell $(PKG_CONFIG) --libs $(LUA_PC) $(PCRE_PC) $(YAML_PC)) -lm
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -DPCRE2_CODE_UNIT_WIDTH=8 \
       -DGLOSS_VERSION='"$(VERSION)"' -DGLOSS_DATADIR='"$(DATADIR)/gloss"' $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(CFLAGS)

CORE_SRC = $(sort $(wildcard core/*.c))
BIND_SRC = $(sort $(wildcard binding/*.c))
CLI_SRC = $(sort $(wildcard cli/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
BIND_OBJ = $(BIND_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:%.c=$(BUILD)/%)

GLOSS = $(BUILD)/gloss
LUACACHE = $(BUILD)/luacache
SCRIPTS_LUAC = $(BUILD)/scripts.luac
BUNDLED_LUA = $(sort $(shell find scripts/presets scripts/lib -name '*.lua' 2>/dev/null))

all: $(GLOSS) $(SCRIPTS_LUAC)

$(BUILD)/libgloss-core.a: $(CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(BUILD)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CORE_DEPS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/binding/%.o: binding/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Icore $(LUA_CFLAGS) $(CORE_DEPS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/cli/%.o: cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Icore -Ibinding $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(GLOSS): $(CLI_OBJ) $(BIND_OBJ) $(BUILD)/libgloss-core.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BIND_OBJ) $(BUILD)/libgloss-core.a $(LIBS)

# The bundled scripts compiled once at build time; gloss loads them from
# this cache when it is safe (binding/bytecode.c), else from their text.
$(LUACACHE): tools/luacache.c binding/bcfile.h $(BUILD)/binding/bcfile.o $(BUILD)/cli/atomic.o $(BUILD)/libgloss-core.a
	$(CC) $(ALL_CPPFLAGS) -Icore -Ibinding -Icli $(LUA_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/binding/bcfile.o $(BUILD)/cli/atomic.o $(BUILD)/libgloss-core.a $(LIBS)

$(SCRIPTS_LUAC): $(LUACACHE) $(BUNDLED_LUA)
	$(LUACACHE) $@ scripts

$(BUILD)/tests/unit/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Icore $(CORE_DEPS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgloss-core.a $(LIBS)

# test_emit_libyaml compares emit.c with the libyaml-event writer kept as
# its oracle; both writer tests share emit_fix.h.
$(BUILD)/tests/unit/test_emit: tests/unit/emit_fix.h
$(BUILD)/tests/unit/test_emit_libyaml: tests/unit/test_emit_libyaml.c tests/unit/emit_fix.h tests/unit/emit_ref.c tests/unit/emit_ref.h tests/unit/check.h $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Icore $(CORE_DEPS) $(ALL_CFLAGS) -o $@ $< tests/unit/emit_ref.c $(BUILD)/libgloss-core.a $(LIBS)

# test_bcfile checks the bytecode cache format of binding/bcfile.c.
$(BUILD)/tests/unit/test_bcfile: tests/unit/test_bcfile.c binding/bcfile.h $(BUILD)/binding/bcfile.o tests/unit/check.h $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Icore -Ibinding $(LUA_CFLAGS) $(CORE_DEPS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/binding/bcfile.o $(BUILD)/libgloss-core.a $(LIBS)

units: $(UNIT_BIN)

# The whole suite: C unit tests, Lua API tests, golden YAML, CLI behaviour.
# Ends with "N passed, N failed".
check: $(GLOSS) $(SCRIPTS_LUAC) $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build-asan \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" check

# Rewrite the expected golden files from the current build (review with git diff).
golden-update: $(GLOSS)
	@BUILD=$(BUILD) sh tests/golden/run.sh --update

# Annotate the bundled sample article and print the YAML.
demo: $(GLOSS) $(SCRIPTS_LUAC)
	$(GLOSS) run --preset quotes annotations/examples/embassy-protest.txt

install: $(GLOSS) $(SCRIPTS_LUAC)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/gloss
	cp $(GLOSS) $(DESTDIR)$(BINDIR)/gloss
	cp -R scripts $(DESTDIR)$(DATADIR)/gloss/
	cp $(SCRIPTS_LUAC) $(DESTDIR)$(DATADIR)/gloss/scripts.luac.tmp
	mv -f $(DESTDIR)$(DATADIR)/gloss/scripts.luac.tmp $(DESTDIR)$(DATADIR)/gloss/scripts.luac
	if [ -f doc/gloss.1 ]; then mkdir -p $(DESTDIR)$(MANDIR)/man1 && cp doc/gloss.1 $(DESTDIR)$(MANDIR)/man1/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gloss $(DESTDIR)$(MANDIR)/man1/gloss.1
	rm -rf $(DESTDIR)$(DATADIR)/gloss

clean:
	rm -rf build build-asan

.PHONY: all units check asan golden-update demo install uninstall clean

-include $(CORE_OBJ:.o=.d) $(BIND_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
-include tests/fuzz/fuzz.mk

# Score the news preset on the gold data in ../shared/data (PolNeAR and
# CoNLL-2003, dev split; SPLIT=train for train). Skips when it is absent.
eval: $(GLOSS) $(SCRIPTS_LUAC)
	@BUILD=$(BUILD) GLOSS=$(GLOSS) sh tools/eval.sh
.PHONY: eval

# Speed of a preset over ../shared/data/news against a pcre2grep floor
# (tools/bench.sh; PRESET=, RUNS=). A benchmark, never part of check.
bench: $(GLOSS) $(SCRIPTS_LUAC)
	@BUILD=$(BUILD) GLOSS=$(GLOSS) sh tools/bench.sh
.PHONY: bench
