/*
 * bootscript.c -- parses and runs GNU Mach boot-script lines (the language
 * is described in bootscript.h).  Called by the kernel's boot code with one
 * line per GRUB module; everything it does to tasks goes through the
 * caller's bootscript_ops.
 */
#include "kern/klib.h"
#include "kern/bootscript.h"

#define BS_EMPTY	0	/* blank or comment: nothing to do */
#define BS_OK		1
#define BS_FAILED	2

#define BS_NO_RESUME	0
#define BS_RESUME	1
#define BS_PROMPT	2

#define BS_FN_NONE	0
#define BS_FN_CREATE	1
#define BS_FN_RESUME	2
#define BS_FN_PROMPT	3
#define BS_FN_RAMDISK	4

#define BS_MAX_ASSIGN	8	/* names in one $(a=b=...=fn) */

static const struct {
	const char	*name;
	int		 fn;
} bs_builtins[] = {
	{ "task-create", BS_FN_CREATE },
	{ "task-resume", BS_FN_RESUME },
	{ "prompt-task-resume", BS_FN_PROMPT },
	{ "ramdisk-create", BS_FN_RAMDISK },
};

static bool
bs_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
bs_builtin(const char *name)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(bs_builtins); i++)
		if (strcmp(name, bs_builtins[i].name) == 0)
			return bs_builtins[i].fn;
	return BS_FN_NONE;
}

/* Append s to the line's error message, as far as it fits. */
static void
bs_why_add(struct bootscript_line *l, const char *s, size_t n)
{
	size_t len = strlen(l->why);

	n = MIN(n, sizeof(l->why) - 1 - len);
	memcpy(l->why + len, s, n);
	l->why[len + n] = '\0';
}

/* Set the line's error to msg, followed by `name' when not NULL. */
static int
bs_fail(struct bootscript_line *l, const char *msg, const char *name,
    size_t namelen)
{
	l->why[0] = '\0';
	bs_why_add(l, msg, strlen(msg));
	if (name != NULL) {
		bs_why_add(l, " '", 2);
		bs_why_add(l, name, namelen);
		bs_why_add(l, "'", 1);
	}
	return -1;
}

/*
 * Check a variable name of n bytes.  Names hold no blanks and none of the
 * characters the language uses, and are not builtins.
 */
static int
bs_check_name(struct bootscript_line *l, const char *name, size_t n)
{
	char buf[BOOTSCRIPT_NAME_MAX];
	size_t i;

	if (n == 0)
		return bs_fail(l, "empty variable name", NULL, 0);
	if (n >= BOOTSCRIPT_NAME_MAX)
		return bs_fail(l, "variable name too long", name, n);
	for (i = 0; i < n; i++) {
		if (name[i] == '$' && i + 1 < n && name[i + 1] == '(')
			return bs_fail(l, "nested $(...)", NULL, 0);
		if ((unsigned char)name[i] <= ' ' || name[i] == 0x7f ||
		    strchr("${}()=", name[i]) != NULL)
			return bs_fail(l, "bad character in name", name, n);
	}
	memcpy(buf, name, n);
	buf[n] = '\0';
	if (bs_builtin(buf) != BS_FN_NONE)
		return bs_fail(l, "function used as a variable", name, n);
	return 0;
}

/* Check an argument word: text with ${name} substitutions. */
static int
bs_check_word(struct bootscript_line *l, const char *w)
{
	const char *end;

	for (; *w != '\0'; w++) {
		if (w[0] != '$')
			continue;
		if (w[1] == '(')
			return bs_fail(l, "$(...) must be a whole word", NULL, 0);
		if (w[1] != '{')
			continue;
		end = strchr(w + 2, '}');
		if (end == NULL)
			return bs_fail(l, "unterminated ${", NULL, 0);
		if (bs_check_name(l, w + 2, end - (w + 2)) != 0)
			return -1;
		w = end;
	}
	return 0;
}

static struct bootscript_var *
bs_find_var(struct bootscript *bs, const char *name)
{
	unsigned i;

	for (i = 0; i < bs->nvars; i++)
		if (strcmp(bs->var[i].name, name) == 0)
			return &bs->var[i];
	return NULL;
}

/* Check the names of a $(a=b=fn) word, split in place into name[]. */
static int
bs_check_call(struct bootscript *bs, struct bootscript_line *l, char **name,
    unsigned n, int fn)
{
	unsigned i, j;

	if (name[n - 1][0] == '\0')
		return bs_fail(l, "empty function name", NULL, 0);
	if (fn == BS_FN_NONE && n == 1)
		return bs_fail(l, "unknown function", name[0], strlen(name[0]));
	if (fn == BS_FN_NONE && bs_check_name(l, name[n - 1],
	    strlen(name[n - 1])) != 0)
		return -1;
	if ((fn == BS_FN_RESUME || fn == BS_FN_PROMPT) && n > 1)
		return bs_fail(l, "task-resume has no value to assign", NULL, 0);
	if (bs->nvars + (n - 1) > BOOTSCRIPT_MAX_VARS)
		return bs_fail(l, "too many variables", NULL, 0);
	for (i = 0; i + 1 < n; i++) {
		if (bs_builtin(name[i]) != BS_FN_NONE)
			return bs_fail(l, "cannot assign to function", name[i],
			    strlen(name[i]));
		if (bs_check_name(l, name[i], strlen(name[i])) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(name[i], name[j]) == 0)
				break;
		if (j < i || bs_find_var(bs, name[i]) != NULL)
			return bs_fail(l, "variable assigned twice", name[i],
			    strlen(name[i]));
	}
	return 0;
}

/* Parse a word $(fn) or $(var=...=fn) of line li. */
static int
bs_parse_call(struct bootscript *bs, unsigned li, struct bootscript_line *l,
    char *w)
{
	char *name[BS_MAX_ASSIGN], *p;
	size_t len = strlen(w);
	unsigned n = 0, i;
	int fn;

	if (strchr(w, ')') == NULL)
		return bs_fail(l, "unterminated $(", NULL, 0);
	if (w[len - 1] != ')')
		return bs_fail(l, "$(...) must be a whole word", NULL, 0);
	w[len - 1] = '\0';
	for (p = w + 2; p != NULL; n++) {
		if (n == BS_MAX_ASSIGN)
			return bs_fail(l, "too many assignments", NULL, 0);
		name[n] = p;
		if ((p = strchr(p, '=')) != NULL)
			*p++ = '\0';
	}
	fn = bs_builtin(name[n - 1]);
	if (bs_check_call(bs, l, name, n, fn) != 0)
		return -1;
	if (fn == BS_FN_CREATE && l->create)
		return bs_fail(l, "task-create used twice", NULL, 0);
	if (fn == BS_FN_RAMDISK && l->ramdisk)
		return bs_fail(l, "ramdisk-create used twice", NULL, 0);
	if (fn == BS_FN_RAMDISK)
		l->ramdisk = true;
	if ((fn == BS_FN_RESUME || fn == BS_FN_PROMPT) && l->resume)
		return bs_fail(l, "task-resume used twice", NULL, 0);
	if (fn == BS_FN_CREATE)
		l->create = true;
	else if (fn != BS_FN_NONE && fn != BS_FN_RAMDISK)
		l->resume = fn == BS_FN_PROMPT ? BS_PROMPT : BS_RESUME;
	for (i = 0; i + 1 < n; i++) {
		bs->var[bs->nvars].name = name[i];
		bs->var[bs->nvars].alias = fn == BS_FN_NONE ? name[n - 1] : NULL;
		bs->var[bs->nvars].ramdisk = fn == BS_FN_RAMDISK;
		bs->var[bs->nvars].line = li;
		bs->nvars++;
	}
	return 0;
}

/* Split line li's text into words and check them. */
static int
bs_parse(struct bootscript *bs, unsigned li, struct bootscript_line *l)
{
	char *p = l->text, *w;

	while (bs_blank(*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	while (*p != '\0') {
		w = p;
		while (*p != '\0' && !bs_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
		while (bs_blank(*p))
			p++;
		if (l->nwords > 0 && w[0] == '$' && w[1] == '(') {
			if (bs_parse_call(bs, li, l, w) != 0)
				return -1;
			continue;
		}
		if (l->nwords == BOOTSCRIPT_MAX_WORDS)
			return bs_fail(l, "too many words", NULL, 0);
		if (l->nwords > 0 && bs_check_word(l, w) != 0)
			return -1;
		l->word[l->nwords++] = w - l->text;
	}
	if (l->resume != BS_NO_RESUME && !l->create)
		return bs_fail(l, "task-resume without task-create", NULL, 0);
	if (l->ramdisk && l->create)
		return bs_fail(l, "a module is a ramdisk or a task, not both",
		    NULL, 0);
	l->state = BS_OK;
	return 0;
}

void
bootscript_init(struct bootscript *bs)
{
	bs->nlines = 0;
	bs->nvars = 0;
}

int
bootscript_add_line(struct bootscript *bs, const char *text, const char **why)
{
	struct bootscript_line *l;
	unsigned li, saved = bs->nvars;
	char *nl;
	size_t n;
	int error;

	if (bs->nlines == BOOTSCRIPT_MAX_LINES) {
		if (why != NULL)
			*why = "too many boot modules";
		return -1;
	}
	li = bs->nlines++;
	l = &bs->line[li];
	memset(l, 0, sizeof(*l));
	if (text == NULL)
		text = "";
	n = strnlen(text, BOOTSCRIPT_LINE_MAX);
	memcpy(l->text, text, MIN(n, BOOTSCRIPT_LINE_MAX - 1));
	nl = strchr(l->text, '\n');
	if (nl != NULL)
		*nl = '\0';	/* a newline ends the line */
	/* A line cut by the limit is parsed only to learn its name. */
	error = bs_parse(bs, li, l);
	if (n == BOOTSCRIPT_LINE_MAX && nl == NULL)
		error = bs_fail(l, "line too long", NULL, 0);
	if (error != 0) {
		l->state = BS_FAILED;
		bs->nvars = saved;
	}
	if (why != NULL)
		*why = error != 0 ? l->why : NULL;
	return error;
}

static const char *
bs_name(const struct bootscript_line *l)
{
	return l->nwords > 0 ? l->text + l->word[0] : "?";
}

/*
 * The value of variable name for line l: the script's own variables (with
 * aliases followed) first, then the kernel's.
 */
static int
bs_resolve(struct bootscript *bs, const struct bootscript_ops *ops,
    void *ctx, struct bootscript_line *l, const char *name,
    struct bootscript_value *v)
{
	struct bootscript_var *var;
	struct bootscript_line *owner;
	unsigned depth;

	for (depth = 0; depth <= BOOTSCRIPT_MAX_VARS; depth++) {
		var = bs_find_var(bs, name);
		if (var == NULL)
			break;
		if (var->alias == NULL) {
			owner = &bs->line[var->line];
			if (owner->state == BS_OK && var->ramdisk &&
			    owner->rdname != NULL) {
				v->kind = BOOTSCRIPT_STR;
				v->str = owner->rdname;
				v->obj = NULL;
				return 0;
			}
			if (owner->state != BS_OK || owner->task == NULL)
				return bs_fail(l, "variable's module failed",
				    name, strlen(name));
			v->kind = BOOTSCRIPT_TASK;
			v->obj = owner->task;
			v->str = NULL;
			return 0;
		}
		name = var->alias;
	}
	if (var != NULL)
		return bs_fail(l, "variable alias loop", name, strlen(name));
	if (!ops->lookup(ctx, name, v))
		return bs_fail(l, "undefined variable", name, strlen(name));
	if ((v->kind == BOOTSCRIPT_STR && v->str == NULL) ||
	    (v->kind != BOOTSCRIPT_STR && v->kind != BOOTSCRIPT_PORT &&
	    v->kind != BOOTSCRIPT_TASK))
		return bs_fail(l, "bad value for variable", name, strlen(name));
	return 0;
}

/* Append n bytes to the argument buffer, keeping room for a NUL. */
static int
bs_put(struct bootscript *bs, struct bootscript_line *l, size_t *pos,
    const char *s, size_t n)
{
	if (n >= sizeof(bs->args) - *pos)
		return bs_fail(l, "arguments too long", NULL, 0);
	memcpy(bs->args + *pos, s, n);
	*pos += n;
	return 0;
}

/* Append a value: a string as it is, a right as its decimal name. */
static int
bs_put_value(struct bootscript *bs, const struct bootscript_ops *ops,
    void *ctx, struct bootscript_line *l, size_t *pos,
    const struct bootscript_value *v)
{
	char digits[10];
	uint32_t name;
	size_t n = sizeof(digits);

	if (v->kind == BOOTSCRIPT_STR)
		return bs_put(bs, l, pos, v->str, strlen(v->str));
	if (ops->insert_right(ctx, l->task, v, &name) != 0)
		return bs_fail(l, "cannot insert a send right", NULL, 0);
	do {
		digits[--n] = '0' + name % 10;
		name /= 10;
	} while (name != 0);
	return bs_put(bs, l, pos, digits + n, sizeof(digits) - n);
}

/* Expand one checked argument word into the buffer, NUL included. */
static int
bs_expand(struct bootscript *bs, const struct bootscript_ops *ops, void *ctx,
    struct bootscript_line *l, const char *w, size_t *pos)
{
	char name[BOOTSCRIPT_NAME_MAX];
	struct bootscript_value v;
	const char *end;

	while (*w != '\0') {
		if (w[0] == '$' && w[1] == '{') {
			end = strchr(w + 2, '}');	/* checked by bs_parse */
			memcpy(name, w + 2, end - (w + 2));
			name[end - (w + 2)] = '\0';
			if (bs_resolve(bs, ops, ctx, l, name, &v) != 0 ||
			    bs_put_value(bs, ops, ctx, l, pos, &v) != 0)
				return -1;
			w = end + 1;
			continue;
		}
		for (end = w + 1; *end != '\0' && !(end[0] == '$' &&
		    end[1] == '{'); end++)
			continue;
		if (bs_put(bs, l, pos, w, end - w) != 0)
			return -1;
		w = end;
	}
	return bs_put(bs, l, pos, "", 1);
}

/* Build line li's argv and load its program into its task. */
static int
bs_exec_line(struct bootscript *bs, const struct bootscript_ops *ops,
    void *ctx, unsigned li, struct bootscript_line *l)
{
	size_t pos = 0;
	unsigned i;
	int error;

	for (i = 0; i < l->nwords; i++) {
		bs->argv[i] = bs->args + pos;
		if (i == 0)
			error = bs_put(bs, l, &pos, bs_name(l),
			    strlen(bs_name(l)) + 1);
		else
			error = bs_expand(bs, ops, ctx, l,
			    l->text + l->word[i], &pos);
		if (error != 0)
			return -1;
	}
	bs->argv[l->nwords] = NULL;
	if (ops->exec(ctx, li, l->task, l->nwords, bs->argv) != 0)
		return bs_fail(l, "cannot load the program", NULL, 0);
	return 0;
}

/* Give up on line li: destroy its task and report why. */
static void
bs_line_failed(const struct bootscript_ops *ops, void *ctx, unsigned li,
    struct bootscript_line *l)
{
	if (l->task != NULL)
		ops->task_destroy(ctx, l->task);
	l->task = NULL;
	l->state = BS_FAILED;
	ops->error(ctx, li, bs_name(l), l->why);
}

unsigned
bootscript_run(struct bootscript *bs, const struct bootscript_ops *ops,
    void *ctx)
{
	struct bootscript_line *l;
	unsigned li, failed = 0;

	for (li = 0; li < bs->nlines; li++) {
		l = &bs->line[li];
		if (l->state == BS_FAILED)
			ops->error(ctx, li, bs_name(l), l->why);
		if (l->state == BS_OK && l->ramdisk &&
		    ops->ramdisk_create(ctx, li, &l->rdname) != 0) {
			bs_fail(l, "cannot create the ramdisk", NULL, 0);
			bs_line_failed(ops, ctx, li, l);
		}
		if (l->state != BS_OK || !l->create)
			continue;
		if (ops->task_create(ctx, li, bs_name(l), &l->task) != 0 ||
		    l->task == NULL) {
			l->task = NULL;
			bs_fail(l, "cannot create the task", NULL, 0);
			bs_line_failed(ops, ctx, li, l);
		}
	}
	for (li = 0; li < bs->nlines; li++) {
		l = &bs->line[li];
		if (l->state == BS_OK && l->create &&
		    bs_exec_line(bs, ops, ctx, li, l) != 0)
			bs_line_failed(ops, ctx, li, l);
	}
	for (li = 0; li < bs->nlines; li++) {
		l = &bs->line[li];
		if (l->state == BS_OK && l->resume != BS_NO_RESUME &&
		    ops->task_resume(ctx, li, l->task,
		    l->resume == BS_PROMPT) != 0) {
			bs_fail(l, "cannot resume the task", NULL, 0);
			bs_line_failed(ops, ctx, li, l);
		}
	}
	for (li = 0; li < bs->nlines; li++)
		failed += bs->line[li].state == BS_FAILED;
	return failed;
}
