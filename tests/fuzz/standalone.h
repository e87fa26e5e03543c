/* standalone.h - the main() every fuzz target gets when built without
 * libFuzzer (-DGLOSS_FUZZ_STANDALONE): run each file named on the command
 * line through LLVMFuzzerTestOneInput once. That is how tests/fuzz/replay.sh
 * replays the corpus and the crash regressions with gcc and in the ASan
 * suite. Include it once, after the target's LLVMFuzzerTestOneInput. */
#ifndef GLOSS_FUZZ_STANDALONE_H
#define GLOSS_FUZZ_STANDALONE_H
#ifdef GLOSS_FUZZ_STANDALONE

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        char *buf = NULL;
        size_t len = 0, cap = 0, got;
        if (!fp) {
            perror(argv[i]);
            return 2;
        }
        do {
            if (cap - len < 4096) buf = realloc(buf, cap = cap * 2 + 4096);
            if (!buf) abort();
            got = fread(buf + len, 1, cap - len, fp);
            len += got;
        } while (got);
        fclose(fp);
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        free(buf);
    }
    return 0;
}

#endif
#endif
