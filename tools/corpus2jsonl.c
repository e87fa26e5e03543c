/* corpus2jsonl.c - turn a text corpus with a byte-range index (lines of
 * "ID<TAB>START<TAB>END", as in ../shared/data/news/NAME/all.index.tsv)
 * into JSON Lines records {"id": ..., "text": ...} on stdout, for
 * `make bench`. A development tool; not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_json_string(const char *s, size_t n)
{
    size_t i;

    putchar('"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\') {
            putchar('\\');
            putchar(c);
        } else if (c == '\n') {
            fputs("\\n", stdout);
        } else if (c == '\r') {
            fputs("\\r", stdout);
        } else if (c == '\t') {
            fputs("\\t", stdout);
        } else if (c < 0x20) {
            printf("\\u%04x", c);
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    FILE *tf, *ix;
    char *text, line[4096];
    long size;

    if (argc != 3) {
        fputs("usage: corpus2jsonl all.txt all.index.tsv > corpus.jsonl\n", stderr);
        return 2;
    }
    tf = fopen(argv[1], "rb");
    ix = fopen(argv[2], "r");
    if (!tf || !ix) {
        perror(tf ? argv[2] : argv[1]);
        return 1;
    }
    fseek(tf, 0, SEEK_END);
    size = ftell(tf);
    rewind(tf);
    text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, tf) != (size_t)size) {
        perror(argv[1]);
        return 1;
    }
    while (fgets(line, sizeof line, ix)) {
        char *id = strtok(line, "\t"), *a = strtok(NULL, "\t"), *b = strtok(NULL, "\t\n");
        long start, end;

        if (!id || !a || !b) continue;
        start = strtol(a, NULL, 10);
        end = strtol(b, NULL, 10);
        if (start < 0 || end < start || end > size) {
            fprintf(stderr, "corpus2jsonl: bad range for %s\n", id);
            return 1;
        }
        fputs("{\"id\": ", stdout);
        put_json_string(id, strlen(id));
        fputs(", \"text\": ", stdout);
        put_json_string(text + start, (size_t)(end - start));
        fputs("}\n", stdout);
    }
    free(text);
    return 0;
}
