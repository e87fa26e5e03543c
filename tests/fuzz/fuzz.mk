# fuzz.mk - fuzz targets for every parser (tests/fuzz/fuzz_*.c), included
# at the end of the Makefile.
#
#   make fuzz [FUZZ_SECONDS=30]   libFuzzer + ASan + UBSan, each target for
#                                 FUZZ_SECONDS, everything under build-fuzz/
#   make fuzz-replay              standalone builds ($(CC), $(BUILD)/fuzz/)
#                                 run over tests/fuzz/corpus and regress
#
# `make fuzz` needs clang and its runtime libraries (libFuzzer, ASan, UBSan):
# on Debian 12, apt-get install clang libclang-rt-14-dev. The replay needs
# nothing but $(CC), so it runs in `make check` and `make asan`.
# Crashes are written to build-fuzz/TARGET-crash-*; minimise one with
#   build-fuzz/TARGET -minimize_crash=1 -runs=20000 FILE
# and keep it in tests/fuzz/regress/TARGET/.

FUZZ_SECONDS ?= 30
FUZZ_CC ?= clang
FUZZ_DIR = build-fuzz
FUZZ_TARGETS = fuzz_doc fuzz_re fuzz_yread fuzz_lexicon fuzz_emit fuzz_json \
	       fuzz_lua fuzz_bcfile
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_CORE_OBJ = $(CORE_SRC:%.c=$(FUZZ_DIR)/%.o)
FUZZ_BIND_OBJ = $(BIND_SRC:%.c=$(FUZZ_DIR)/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_STANDALONE = $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

# Longest input per target: enough for several paragraphs or a real
# pattern, short enough to keep thousands of runs a second.
fuzz_doc_MAXLEN = 8192
fuzz_re_MAXLEN = 512
fuzz_yread_MAXLEN = 4096
fuzz_lexicon_MAXLEN = 4096
fuzz_emit_MAXLEN = 4096

$(FUZZ_DIR)/core/%.o: core/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(CORE_DEPS) $(WARN) $(FUZZ_CFLAGS) \
	  -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_DIR)/binding/%.o: binding/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -Icore $(LUA_CFLAGS) $(CORE_DEPS) $(WARN) \
	  $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

# The Lua API target also needs the binding (and Lua).
$(FUZZ_DIR)/fuzz_lua: tests/fuzz/fuzz_lua.c $(FUZZ_BIND_OBJ) $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -Icore -Ibinding $(CORE_DEPS) $(WARN) \
	  $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_BIND_OBJ) \
	  $(FUZZ_CORE_OBJ) $(LIBS)

# The bytecode cache reader lives in the binding (it needs lua.h).
$(FUZZ_DIR)/fuzz_bcfile: tests/fuzz/fuzz_bcfile.c $(FUZZ_DIR)/binding/bcfile.o $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -Icore -Ibinding $(LUA_CFLAGS) $(CORE_DEPS) $(WARN) \
	  $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/binding/bcfile.o \
	  $(FUZZ_CORE_OBJ) $(LIBS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -Icore $(CORE_DEPS) $(WARN) $(FUZZ_CFLAGS) \
	  -fsanitize=fuzzer -o $@ $< $(FUZZ_CORE_OBJ) $(LIBS)

# Each target runs on a copy of its seed corpus (new inputs stay in
# build-fuzz/corpus-TARGET, never in the repository); the last lines say
# how many inputs each one ran. Fails if any target crashed.
fuzz: $(FUZZ_BINS)
	@fail=""; \
	for t in $(FUZZ_TARGETS); do \
	  c=$(FUZZ_DIR)/corpus-$$t; mkdir -p $$c; \
	  cp tests/fuzz/corpus/$$t/* $$c/ 2>/dev/null; \
	  case $$t in \
	    fuzz_doc) m=$(fuzz_doc_MAXLEN) ;; fuzz_re) m=$(fuzz_re_MAXLEN) ;; \
	    fuzz_yread) m=$(fuzz_yread_MAXLEN) ;; \
	    fuzz_lexicon) m=$(fuzz_lexicon_MAXLEN) ;; *) m=$(fuzz_emit_MAXLEN) ;; \
	  esac; \
	  echo "# fuzzing $$t for $(FUZZ_SECONDS)s (max_len $$m)"; \
	  if ./$(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$$m \
	      -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
	      -artifact_prefix=$(FUZZ_DIR)/$$t- $$c >$(FUZZ_DIR)/$$t.log 2>&1; \
	  then r=ok; else r=CRASH; fail="$$fail $$t"; fi; \
	  l=$(FUZZ_DIR)/$$t.log; \
	  n=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$l); \
	  s=$$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' $$l); \
	  echo "$$t: $$r, $${n:-?} execs in $${s:-$(FUZZ_SECONDS)}s (log $$l)"; \
	done; \
	if [ -n "$$fail" ]; then \
	  echo "crashed:$$fail (see $(FUZZ_DIR)/*-crash-*)"; exit 1; \
	fi

$(BUILD)/fuzz/fuzz_lua: tests/fuzz/fuzz_lua.c tests/fuzz/standalone.h $(BIND_OBJ) $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DGLOSS_FUZZ_STANDALONE -Icore -Ibinding $(CORE_DEPS) \
	  $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BIND_OBJ) $(BUILD)/libgloss-core.a $(LIBS)

$(BUILD)/fuzz/fuzz_bcfile: tests/fuzz/fuzz_bcfile.c tests/fuzz/standalone.h $(BUILD)/binding/bcfile.o $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DGLOSS_FUZZ_STANDALONE -Icore -Ibinding $(LUA_CFLAGS) $(CORE_DEPS) \
	  $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/binding/bcfile.o $(BUILD)/libgloss-core.a $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/standalone.h $(BUILD)/libgloss-core.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -DGLOSS_FUZZ_STANDALONE -Icore $(CORE_DEPS) \
	  $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libgloss-core.a $(LIBS)

fuzz-bins: $(FUZZ_STANDALONE)

fuzz-replay: $(FUZZ_STANDALONE)
	@BUILD=$(BUILD) sh tests/fuzz/replay.sh

# tests/run.sh replays the corpus too, so the suite builds the replayers.
check: $(FUZZ_STANDALONE)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

# objects reached only through the pattern rule above: keep them
.SECONDARY: $(FUZZ_CORE_OBJ) $(FUZZ_BIND_OBJ)

.PHONY: fuzz fuzz-bins fuzz-replay fuzz-clean

-include $(FUZZ_CORE_OBJ:.o=.d) $(FUZZ_BIND_OBJ:.o=.d)
