/*
 * test_bootscript.c -- host test of bootscript.c with a mock kernel: the
 * GNU Hurd boot lines, ordering of creation, loading and resumption, the
 * argv each program gets and the rights each task holds, every parse
 * error, run-time failures that cost one module only, and random lines.
 */
#include <string.h>
#include "kern/klib.h"
#include "kern/bootscript.h"
#include "kern/host_test.h"

#define MAX_TASKS	64
#define MAX_RIGHTS	16

/* A task of the mock kernel. */
struct mtask {
	char		 name[64];
	void		*right[MAX_RIGHTS];	/* right[i] has name i + 1 */
	unsigned	 nrights;
	char		 argv[4096];		/* "a|b|c" */
	bool		 resumed, prompted, destroyed, loaded;
};

static struct mock {
	struct mtask	task[MAX_TASKS];
	unsigned	ntasks;
	char		log[8192];	/* events in order */
	char		errors[8192];
} mk;

static int host_port, device_port, kernel_task, bad_port;
static const char *long_value;

static void
logf_(char *buf, const char *fmt, const char *a, unsigned n)
{
	char line[600];

	snprintf(line, sizeof(line), fmt, a, n);
	strncat(buf, line, 8191 - strlen(buf));
}

static bool
m_lookup(void *ctx, const char *name, struct bootscript_value *v)
{
	(void)ctx;
	memset(v, 0, sizeof(*v));
	v->kind = BOOTSCRIPT_PORT;
	if (strcmp(name, "host-port") == 0)
		v->obj = &host_port;
	else if (strcmp(name, "device-port") == 0)
		v->obj = &device_port;
	else if (strcmp(name, "kernel-task") == 0)
		v->obj = &kernel_task;
	else if (strcmp(name, "bad-port") == 0)
		v->obj = &bad_port;
	else if (strcmp(name, "bad-kind") == 0)
		v->kind = 99;
	else if (strcmp(name, "null-str") == 0)
		v->kind = BOOTSCRIPT_STR;
	else {
		v->kind = BOOTSCRIPT_STR;
		if (strcmp(name, "kernel-command-line") == 0)
			v->str = "root=device:hd0s1 console=com0";
		else if (strcmp(name, "root") == 0)
			v->str = "device:hd0s1";
		else if (strcmp(name, "empty") == 0)
			v->str = "";
		else if (strcmp(name, "long") == 0)
			v->str = long_value;
		else
			return false;
	}
	return true;
}

static int
m_task_create(void *ctx, unsigned module, const char *name, void **task)
{
	struct mtask *t;

	(void)ctx;
	logf_(mk.log, "create %s %u;", name, module);
	if (strcmp(name, "failcreate") == 0 || mk.ntasks == MAX_TASKS)
		return 5;
	t = &mk.task[mk.ntasks++];
	snprintf(t->name, sizeof(t->name), "%s", name);
	*task = t;
	return 0;
}

/* Like Mach, a second right to the same object gets the same name. */
static int
m_insert_right(void *ctx, void *task, const struct bootscript_value *v,
    uint32_t *name)
{
	struct mtask *t = task;
	unsigned i;

	(void)ctx;
	CHECK(v->kind == BOOTSCRIPT_PORT || v->kind == BOOTSCRIPT_TASK);
	if (v->obj == &bad_port || t->nrights == MAX_RIGHTS)
		return 1;
	for (i = 0; i < t->nrights; i++)
		if (t->right[i] == v->obj)
			break;
	if (i == t->nrights)
		t->right[t->nrights++] = v->obj;
	*name = i + 1;
	return 0;
}

static int
m_exec(void *ctx, unsigned module, void *task, int argc, char **argv)
{
	struct mtask *t = task;

	(void)ctx;
	logf_(mk.log, "exec %s %u;", t->name, module);
	CHECK(argv[argc] == NULL && strcmp(argv[0], t->name) == 0);
	for (int i = 0; i < argc; i++) {
		if (i > 0)
			strcat(t->argv, "|");
		strncat(t->argv, argv[i], sizeof(t->argv) - strlen(t->argv) -
		    1);
	}
	t->loaded = true;
	return strcmp(t->name, "failexec") == 0 ? 1 : 0;
}

static int
m_task_resume(void *ctx, unsigned module, void *task, bool prompt)
{
	struct mtask *t = task;

	(void)ctx;
	logf_(mk.log, "resume %s %u;", t->name, module);
	CHECK(!t->destroyed && t->loaded);
	t->resumed = true;
	t->prompted = prompt;
	return strcmp(t->name, "failresume") == 0 ? 1 : 0;
}

static void
m_task_destroy(void *ctx, void *task)
{
	struct mtask *t = task;

	(void)ctx;
	CHECK(!t->destroyed);
	t->destroyed = true;
	logf_(mk.log, "destroy %s %u;", t->name, 0);
}

static void
m_error(void *ctx, unsigned module, const char *name, const char *why)
{
	char line[400];

	(void)ctx;
	snprintf(line, sizeof(line), "%u %s: %s\n", module, name, why);
	strncat(mk.errors, line, sizeof(mk.errors) - strlen(mk.errors) - 1);
}

/* Ramdisks rd0, rd1, ...; module 13 cannot be one. */
static unsigned nramdisks;
static char rdnames[8][4];

static int
m_ramdisk_create(void *ctx, unsigned module, const char **name)
{
	(void)ctx;
	if (module == 13 || nramdisks == 8)
		return -1;
	snprintf(rdnames[nramdisks], sizeof(rdnames[0]), "rd%u", nramdisks);
	*name = rdnames[nramdisks++];
	logf_(mk.log, "ramdisk %s %u;", *name, module);
	return 0;
}

static const struct bootscript_ops ops = {
	m_lookup, m_task_create, m_insert_right, m_exec, m_task_resume,
	m_task_destroy, m_error, m_ramdisk_create,
};

static struct bootscript bs;

/* Parse lines (NULL-terminated), run, return the failure count. */
static unsigned
run(const char **lines)
{
	memset(&mk, 0, sizeof(mk));
	nramdisks = 0;
	bootscript_init(&bs);
	for (; *lines != NULL; lines++)
		(void)bootscript_add_line(&bs, *lines, NULL);
	return bootscript_run(&bs, &ops, NULL);
}

static struct mtask *
task(const char *name)
{
	for (unsigned i = 0; i < mk.ntasks; i++)
		if (strcmp(mk.task[i].name, name) == 0)
			return &mk.task[i];
	return NULL;
}

static bool
argv_is(const char *name, const char *want)
{
	struct mtask *t = task(name);

	if (t == NULL || strcmp(t->argv, want) != 0) {
		fprintf(stderr, "%s argv: got \"%s\", want \"%s\"\n", name,
		    t != NULL ? t->argv : "(no task)", want);
		return false;
	}
	return true;
}

/* The boot lines of a GNU/Hurd system, as GRUB passes them. */
static void
test_hurd(void)
{
	const char *lines[] = {
	    "ext2fs --multiboot-command-line=${kernel-command-line} "
	    "--host-priv-port=${host-port} --device-master-port=${device-port} "
	    "--exec-server-task=${exec-task} -T typed ${root} "
	    "$(task-create) $(task-resume)",
	    "exec /hurd/exec $(exec-task=task-create)",
	    NULL,
	};

	CHECK(run(lines) == 0);
	CHECK(mk.errors[0] == '\0');
	CHECK(argv_is("ext2fs", "ext2fs|--multiboot-command-line=root=device:"
	    "hd0s1 console=com0|--host-priv-port=1|--device-master-port=2|"
	    "--exec-server-task=3|-T|typed|device:hd0s1"));
	CHECK(argv_is("exec", "exec|/hurd/exec"));
	CHECK(task("ext2fs")->right[0] == &host_port);
	CHECK(task("ext2fs")->right[1] == &device_port);
	CHECK(task("ext2fs")->right[2] == task("exec"));
	CHECK(task("exec")->nrights == 0);
	CHECK(task("ext2fs")->resumed && !task("ext2fs")->prompted);
	CHECK(!task("exec")->resumed);
	CHECK(strcmp(mk.log, "create ext2fs 0;create exec 1;exec ext2fs 0;"
	    "exec exec 1;resume ext2fs 0;") == 0);
}

/* Ordering, words, comments, prompts, aliases and chains. */
/* GNU Mach's $(ramdisk-create), as Debian's installer boots the Hurd. */
static void
test_ramdisk(void)
{
	const char *lines[] = {
	    "initrd.gz $(ramdisk-create)",
	    "ext2fs --host-priv-port=${host-port} -T typed device:${root} "
	    "$(task-create) $(task-resume)",
	    "root.img $(root=ramdisk-create)",
	    NULL,
	};
	const char *both[] = { "x $(ramdisk-create) $(task-create)", NULL };
	const char *twice[] = { "x $(ramdisk-create) $(ramdisk-create)", NULL };
	const char *resume[] = { "x $(ramdisk-create) $(task-resume)", NULL };
	const char *many[16] = { NULL };

	CHECK(run(lines) == 0);
	CHECK(mk.errors[0] == '\0');
	CHECK(argv_is("ext2fs", "ext2fs|--host-priv-port=1|-T|typed|"
	    "device:rd1"));
	CHECK(strcmp(mk.log, "ramdisk rd0 0;create ext2fs 1;ramdisk rd1 2;"
	    "exec ext2fs 1;resume ext2fs 1;") == 0);
	CHECK(mk.ntasks == 1);
	CHECK(run(both) == 1 && strstr(mk.errors, "not both") != NULL);
	CHECK(run(twice) == 1 && strstr(mk.errors, "used twice") != NULL);
	CHECK(run(resume) == 1 && strstr(mk.errors, "without task-create"));
	CHECK(mk.log[0] == '\0');		/* nothing was created */
	/* A ramdisk that cannot be made costs its users, not the boot. */
	for (int i = 0; i < 13; i++)
		many[i] = "pad";
	many[13] = "bad $(bad=ramdisk-create)";
	many[14] = "user ${bad} $(task-create)";
	CHECK(run(many) == 2);
	CHECK(strstr(mk.errors, "13 bad: cannot create the ramdisk") != NULL);
	CHECK(strstr(mk.errors, "14 user: variable's module failed") != NULL);
	CHECK(task("user") == NULL || task("user")->destroyed);
}

static void
test_semantics(void)
{
	const char *lines[] = {
	    "# a comment line $(task-create)",
	    "   ",
	    "",
	    "\t first  a${root}:${root}b ${empty} $$ $x ${host-port}"
	    "${host-port}  $(first=second=task-create)\t$(prompt-task-resume)",
	    "second ${first} ${second} ${kernel-task} $(task-create)",
	    "third $(hp=host-port) $(hp2=hp) ${hp2} $(task-resume) "
	    "$(task-create)",
	    "notask ${undefined} ignored",
	    "nl $(task-create) a\nb ${undefined}",
	    NULL,
	};

	CHECK(run(lines) == 0);
	CHECK(mk.errors[0] == '\0');
	CHECK(argv_is("first", "first|adevice:hd0s1:device:hd0s1b||$$|$x|11"));
	CHECK(argv_is("second", "second|1|1|2"));
	CHECK(argv_is("third", "third|1"));
	CHECK(argv_is("nl", "nl|a"));
	CHECK(task("second")->right[0] == task("first"));
	CHECK(task("second")->right[1] == &kernel_task);
	CHECK(task("third")->right[0] == &host_port);
	CHECK(task("notask") == NULL);
	CHECK(task("first")->resumed && task("first")->prompted);
	CHECK(!task("second")->resumed);
	CHECK(strcmp(mk.log, "create first 3;create second 4;create third 5;"
	    "create nl 7;exec first 3;exec second 4;exec third 5;exec nl 7;"
	    "resume first 3;resume third 5;") == 0);
}

/* Check that one line is refused at parse time for the reason given. */
static void
parse_error(const char *line, const char *reason, int at)
{
	const char *why = NULL;

	bootscript_init(&bs);
	CHECKF(bootscript_add_line(&bs, line, &why) == -1 && why != NULL &&
	    strstr(why, reason) != NULL, "line %d: \"%s\" gave \"%s\"", at,
	    line, why != NULL ? why : "(accepted)");
}

#define PARSE_ERROR(l, r)	parse_error(l, r, __LINE__)

static void
test_parse_errors(void)
{
	char line[BOOTSCRIPT_LINE_MAX + 10];
	const char *why;

	PARSE_ERROR("foo ${unterminated $(task-create)", "unterminated ${");
	PARSE_ERROR("foo ${a b}", "unterminated ${");
	PARSE_ERROR("foo ${} $(task-create)", "empty variable name");
	PARSE_ERROR("foo $(task-create", "unterminated $(");
	PARSE_ERROR("foo $(a=$(task-create))", "nested $(...)");
	PARSE_ERROR("foo $(a=${b})", "bad character in name");
	PARSE_ERROR("foo ${a=b}", "bad character in name");
	PARSE_ERROR("foo ${a(b}", "bad character in name");
	PARSE_ERROR("foo $()", "empty function name");
	PARSE_ERROR("foo $(a=)", "empty function name");
	PARSE_ERROR("foo $(=task-create)", "empty variable name");
	PARSE_ERROR("foo $(a==task-create)", "empty variable name");
	PARSE_ERROR("foo x$(task-create)", "must be a whole word");
	PARSE_ERROR("foo $(task-create)x", "must be a whole word");
	PARSE_ERROR("foo $(bogus)", "unknown function 'bogus'");
	PARSE_ERROR("foo ${task-create} $(task-create)",
	    "function used as a variable 'task-create'");
	PARSE_ERROR("foo $(task-create=task-create)",
	    "cannot assign to function");
	PARSE_ERROR("foo $(task-create) $(task-create)",
	    "task-create used twice");
	PARSE_ERROR("foo $(task-create) $(task-resume) $(prompt-task-resume)",
	    "task-resume used twice");
	PARSE_ERROR("foo $(task-resume)", "task-resume without task-create");
	PARSE_ERROR("foo $(x=task-resume) $(task-create)", "no value");
	PARSE_ERROR("foo $(v=v=task-create)", "assigned twice 'v'");
	PARSE_ERROR("foo $(a=b=c=d=e=f=g=h=task-create)",
	    "too many assignments");
	memset(line, 0, sizeof(line));
	strcpy(line, "foo ${");
	memset(line + 6, 'n', 70);
	strcat(line, "}");
	PARSE_ERROR(line, "variable name too long");
	strcpy(line, "words");
	for (int i = 0; i < BOOTSCRIPT_MAX_WORDS; i++)
		strcat(line, " w");
	PARSE_ERROR(line, "too many words");
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, "long ", 5);
	PARSE_ERROR(line, "line too long");

	/* A newline before the limit makes a long text acceptable. */
	line[50] = '\n';
	bootscript_init(&bs);
	CHECK(bootscript_add_line(&bs, line, NULL) == 0);

	/* A variable is assigned once across the script. */
	bootscript_init(&bs);
	CHECK(bootscript_add_line(&bs, "a $(v=task-create)", NULL) == 0);
	CHECK(bootscript_add_line(&bs, "b $(v=task-create)", &why) == -1 &&
	    strstr(why, "assigned twice 'v'") != NULL);

	/* Past the module limit, lines are refused outright. */
	bootscript_init(&bs);
	for (int i = 0; i < BOOTSCRIPT_MAX_LINES; i++)
		CHECK(bootscript_add_line(&bs, "# x", NULL) == 0);
	CHECK(bootscript_add_line(&bs, "x", &why) == -1 &&
	    strstr(why, "too many boot modules") != NULL);
	CHECK(bootscript_add_line(&bs, NULL, NULL) == -1);
	bootscript_init(&bs);
	CHECK(bootscript_add_line(&bs, NULL, NULL) == 0);
}

/* Failures at run time cost their own module, and what depends on it. */
static void
test_run_errors(void)
{
	static char big[3000];
	const char *lines[] = {
	    /* 0 */ "good0 ${host-port} $(task-create) $(task-resume)",
	    /* 1 */ "undef ${nosuch} $(task-create) $(task-resume)",
	    /* 2 */ "failcreate $(fc=task-create) $(task-resume)",
	    /* 3 */ "usesfc ${fc} $(task-create)",
	    /* 4 */ "broken ${ $(pv=task-create)",
	    /* 5 */ "usespv x${pv} $(task-create)",
	    /* 6 */ "failexec $(fe=task-create) $(task-resume)",
	    /* 7 */ "badport ${bad-port} $(task-create)",
	    /* 8 */ "badkind ${bad-kind} $(task-create)",
	    /* 9 */ "nullstr ${null-str} $(task-create)",
	    /* 10 */ "loop ${la} $(la=lb) $(lb=la) $(task-create)",
	    /* 11 */ "toolong ${long}${long} $(task-create)",
	    /* 12 */ "failresume $(task-create) $(task-resume)",
	    /* 13 */ "good13 ${fe} $(task-create) $(task-resume)",
	    NULL,
	};

	memset(big, 'L', sizeof(big) - 1);
	long_value = big;
	CHECK(run(lines) == 13);
	CHECK(task("good0")->resumed && !task("good0")->destroyed);
	/* failexec failed before good13 was loaded: good13 fails too. */
	CHECK(task("good13")->destroyed && !task("good13")->resumed);
	CHECK(task("failexec")->destroyed && !task("failexec")->resumed);
	CHECK(task("undef")->destroyed && !task("undef")->resumed);
	CHECK(task("failresume")->destroyed);
	CHECK(task("failcreate") == NULL && task("broken") == NULL);
	CHECKF(strcmp(mk.errors,
	    "2 failcreate: cannot create the task\n"
	    "4 broken: unterminated ${\n"
	    "1 undef: undefined variable 'nosuch'\n"
	    "3 usesfc: variable's module failed 'fc'\n"
	    "5 usespv: undefined variable 'pv'\n"
	    "6 failexec: cannot load the program\n"
	    "7 badport: cannot insert a send right\n"
	    "8 badkind: bad value for variable 'bad-kind'\n"
	    "9 nullstr: bad value for variable 'null-str'\n"
	    "10 loop: variable alias loop 'lb'\n"
	    "11 toolong: arguments too long\n"
	    "13 good13: variable's module failed 'fe'\n"
	    "12 failresume: cannot resume the task\n") == 0,
	    "errors:\n%s", mk.errors);
}

/* Random lines from the language's pieces: no crash, sane results. */
static void
test_random(void)
{
	static const char *piece[] = { "${host-port}", "${root}", "${v1}",
	    "${v2}", "$(task-create)", "$(task-resume)", "$(v1=task-create)",
	    "$(v2=v1)", "$(prompt-task-resume)", "${", "}", "$(", ")", "=",
	    "$", " ", " ", " ", "\t", "a", "bc", "${nosuch}", "$(v2=task-",
	    "create)", "${empty}", "#", "\n" };
	char line[600];
	unsigned failed, nlines;

	for (int round = 0; round < 3000; round++) {
		memset(&mk, 0, sizeof(mk));
		bootscript_init(&bs);
		nlines = 1 + test_below(6);
		for (unsigned l = 0; l < nlines; l++) {
			snprintf(line, sizeof(line), "p%u ", l);
			for (int k = test_below(12); k > 0; k--)
				strcat(line, piece[test_below(
				    ARRAY_SIZE(piece))]);
			(void)bootscript_add_line(&bs, line, NULL);
		}
		failed = bootscript_run(&bs, &ops, NULL);
		CHECK(failed <= nlines);
		for (unsigned i = 0; i < mk.ntasks; i++)
			CHECK(!(mk.task[i].destroyed && mk.task[i].resumed &&
			    strcmp(mk.task[i].name, "failresume") != 0));
	}
}

int
main(void)
{
	test_seed();
	test_hurd();
	test_ramdisk();
	test_semantics();
	test_parse_errors();
	test_run_errors();
	test_random();
	return test_done("test_bootscript");
}
