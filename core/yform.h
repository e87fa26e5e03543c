/* yform.h - scalar forms of the gloss YAML writer. Core layer. */
#ifndef GLOSS_YFORM_H
#define GLOSS_YFORM_H

#include <stddef.h>

/* 1 when s[0..len) may be written plain: ASCII letter first, then
 * letters, digits and _ . / -, and not a YAML 1.1 boolean/null word. */
int gl_yform_plain_ok(const char *s, size_t len);

/* 1 for a version such as 0.1.0, written plain in run.gloss. */
int gl_yform_version_ok(const char *s);

/* 1 when a hex digest may be written plain (no reader could take it for
 * a number). */
int gl_yform_hex_plain_ok(const char *h);

/* The shortest of %.15g/%.16g/%.17g that reads back to d, always with a
 * '.' before any exponent so that every YAML reader sees a float. */
void gl_yform_fmt_num(double d, char out[48]);

#endif
