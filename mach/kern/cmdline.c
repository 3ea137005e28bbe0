/*
 * cmdline.c -- keeps and splits the kernel command line (see cmdline.h).
 * Called by the boot code once, then by anyone who wants an option.
 */
#include "kern/klib.h"
#include "kern/cmdline.h"

static char	 cmdline_line[CMDLINE_MAX];	/* the line as kept */
static char	 cmdline_split[CMDLINE_MAX];	/* words, NUL-separated */
static char	 cmdline_args[CMDLINE_MAX + 2];	/* boot-args */
static char	 cmdline_root[CMDLINE_MAX];	/* root-device */
static struct {
	const char	*key;
	const char	*value;
}		 cmdline_words[CMDLINE_MAX_WORDS];
static unsigned	 cmdline_nwords;
static bool	 cmdline_cut;

static bool
cmdline_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy line into cmdline_line, dropping a word cut by the size limit. */
static void
cmdline_copy(const char *line)
{
	size_t n;

	n = strnlen(line, CMDLINE_MAX);
	cmdline_cut = false;
	if (n == CMDLINE_MAX) {
		cmdline_cut = true;
		n = CMDLINE_MAX - 1;
		if (!cmdline_space(line[n]))
			while (n > 0 && !cmdline_space(line[n - 1]))
				n--;
	}
	memcpy(cmdline_line, line, n);
	cmdline_line[n] = '\0';
}

/* Record the word that starts at w (NUL-terminated in cmdline_split). */
static void
cmdline_add_word(char *w)
{
	char *eq;

	if (cmdline_nwords == CMDLINE_MAX_WORDS) {
		cmdline_cut = true;
		return;
	}
	eq = strchr(w, '=');
	if (eq != NULL)
		*eq++ = '\0';
	cmdline_words[cmdline_nwords].key = w;
	cmdline_words[cmdline_nwords].value = eq != NULL ? eq : "";
	cmdline_nwords++;
}

/* Derive boot-args and root-device from the words. */
static void
cmdline_compat(void)
{
	size_t n = 0;
	const char *root, *w;
	bool start = true;

	/* Flags are read from the raw line: a '-' word may contain '='. */
	cmdline_args[n++] = '-';
	for (w = cmdline_line; *w != '\0'; w++) {
		if (cmdline_space(*w)) {
			start = true;
			continue;
		}
		if (start && *w == '-') {
			for (w++; *w != '\0' && !cmdline_space(*w); w++)
				cmdline_args[n++] = *w;
			if (*w == '\0')
				break;
			start = true;	/* w is at the space after the word */
			continue;
		}
		start = false;
	}
	if (n == 1)
		cmdline_args[n++] = 'x';
	cmdline_args[n] = '\0';

	root = cmdline_get("root");
	if (root == NULL || root[0] == '\0')
		root = "UNKNOWN";
	else if (strncmp(root, "/dev/", 5) == 0)
		root += 5;
	n = strnlen(root, sizeof(cmdline_root) - 1);
	memcpy(cmdline_root, root, n);
	cmdline_root[n] = '\0';
}

void
cmdline_parse(const char *line)
{
	char *p, *w;

	cmdline_copy(line != NULL ? line : "");
	memcpy(cmdline_split, cmdline_line, sizeof(cmdline_split));
	cmdline_nwords = 0;
	for (p = cmdline_split; *p != '\0';) {
		if (cmdline_space(*p)) {
			*p++ = '\0';
			continue;
		}
		w = p;
		while (*p != '\0' && !cmdline_space(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
		cmdline_add_word(w);
	}
	cmdline_compat();
}

const char *
cmdline_raw(void)
{
	return cmdline_line;
}

bool
cmdline_truncated(void)
{
	return cmdline_cut;
}

const char *
cmdline_get(const char *key)
{
	unsigned i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < cmdline_nwords; i++)
		if (strcmp(cmdline_words[i].key, key) == 0)
			return cmdline_words[i].value;
	return NULL;
}

int
cmdline_foreach(int (*fn)(void *, const char *, const char *), void *ctx)
{
	unsigned i;
	int r;

	for (i = 0; i < cmdline_nwords; i++) {
		r = fn(ctx, cmdline_words[i].key, cmdline_words[i].value);
		if (r != 0)
			return r;
	}
	return 0;
}

const char *
cmdline_boot_args(void)
{
	return cmdline_args;
}

const char *
cmdline_root_device(void)
{
	return cmdline_root;
}
