/*
 * cmdline.h -- the kernel command line that GRUB passes: words separated by
 * spaces, each either `key=value' or a bare `key'.  The boot code parses it
 * once; drivers and the boot script look values up afterwards.
 */
#ifndef KERN_CMDLINE_H
#define KERN_CMDLINE_H

#include "kern/klib.h"

#define CMDLINE_MAX		1024	/* bytes kept, NUL included */
#define CMDLINE_MAX_WORDS	64	/* words kept */

/*
 * Copy line (may be NULL) into static storage and split it into words.
 * A line longer than CMDLINE_MAX - 1 bytes is cut at the last whole word,
 * and words beyond CMDLINE_MAX_WORDS are dropped, so that a value is never
 * seen half-written; cmdline_truncated() then says so.  May be called
 * again; each call replaces the previous line.  Not thread-safe: boot only.
 */
void		 cmdline_parse(const char *line);

/* The line as kept (after any truncation), for `kernel-command-line'. */
const char	*cmdline_raw(void);
bool		 cmdline_truncated(void);

/*
 * The value of the first word `key=value' or bare `key' (then ""), or NULL
 * if no word has that key.
 */
const char	*cmdline_get(const char *key);

/*
 * Call fn(ctx, key, value) for each word in order; value is "" for a bare
 * word.  Stops early, returning fn's value, when fn returns non-zero.
 */
int		 cmdline_foreach(int (*fn)(void *ctx, const char *key,
		    const char *value), void *ctx);

/*
 * The two strings GNU Mach derives for old boot scripts: `boot-args' is
 * "-" followed by the letters of every word that starts with '-' ("-x" if
 * there is none); `root-device' is the value of root= without a leading
 * "/dev/" ("UNKNOWN" if absent).
 */
const char	*cmdline_boot_args(void);
const char	*cmdline_root_device(void);

#endif /* KERN_CMDLINE_H */
