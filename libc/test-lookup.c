/*
 * test-lookup.c -- host test of libc's path lookup (lookup.c): name
 * checks, the split into directory and last component, and the retry
 * loop, against a scripted transport that plays the servers' answers
 * and counts every send right handed out and given back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lookup.h"
#include "fs_types.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

/* One expected dir_lookup and its answer. */
struct step {
	mach_port_t dir;
	const char *name;
	int flags;
	int error, retry;
	const char *rname;
	mach_port_t result;
};

static const struct step *script;
static int nsteps, at, reauths, live;
static int loop_forever;	/* answer every call with a NORMAL retry */

static int
fake_lookup(void *ctx, mach_port_t dir, const char *name, int flags,
    uint32_t mode, int *retry, char rname[LOOKUP_PATH_MAX],
    mach_port_t *result)
{
	const struct step *s;

	(void)ctx, (void)mode;
	if (loop_forever) {
		*retry = FS_RETRY_NORMAL;
		strcpy(rname, "again");
		*result = 500 + at++;
		live++;
		return 0;
	}
	if (at >= nsteps) {
		failures++;
		fprintf(stderr, "unexpected lookup %u '%s'\n", dir, name);
		return EIO;
	}
	s = &script[at++];
	CHECK(dir == s->dir);
	CHECK(strcmp(name, s->name) == 0);
	CHECK(flags == s->flags);
	if (s->error != 0)
		return s->error;
	*retry = s->retry;
	strcpy(rname, s->rname);
	*result = s->result;
	if (MACH_PORT_VALID(s->result))
		live++;
	return 0;
}

static int
fake_reauth(void *ctx, mach_port_t *port)
{
	(void)ctx;
	reauths++;
	*port += 1000;	/* the same count of rights, a new name */
	return 0;
}

static void
fake_release(void *ctx, mach_port_t port)
{
	(void)ctx;
	CHECK(MACH_PORT_VALID(port));
	live--;
}

static const struct lookup_ops ops = {
	fake_lookup, fake_reauth, fake_release
};

#define ROOT	1
#define CWD	2

/* Run path against script; the error, with *res. */
static int
run(const struct step *s, int n, mach_port_t root, mach_port_t cwd,
    const char *path, int flags, mach_port_t *res)
{
	int error;

	script = s;
	nsteps = n;
	at = 0;
	live = 0;
	*res = MACH_PORT_NULL;
	error = lookup_path(&ops, NULL, root, cwd, path, flags, 0644, res);
	CHECK(at == n || loop_forever);
	/* Only the result may be left alive. */
	CHECK(live == (error == 0 ? 1 : 0));
	return error;
}

#define RUN(steps, path, flags, res) \
	run(steps, sizeof(steps) / sizeof(steps[0]), ROOT, CWD, path, flags, \
	    res)

static void
test_simple(void)
{
	static const struct step rel[] = {
		{ CWD, "a/b", 0, 0, FS_RETRY_NORMAL, "", 100 } };
	static const struct step abs[] = {
		{ ROOT, "a", FS_O_READ, 0, FS_RETRY_NORMAL, "", 101 } };
	static const struct step slash[] = {
		{ ROOT, "a//", FS_O_DIRECTORY, 0, FS_RETRY_NORMAL, "", 102 } };
	static const struct step root[] = {
		{ ROOT, "", FS_O_READ, 0, FS_RETRY_NORMAL, "", 103 } };
	static const struct step err[] = {
		{ CWD, "x", 0, ENOENT, 0, "", 0 } };
	mach_port_t r;

	CHECK(RUN(rel, "a/b", 0, &r) == 0 && r == 100);
	CHECK(RUN(abs, "/a", FS_O_READ, &r) == 0 && r == 101);
	CHECK(RUN(slash, "///a//", 0, &r) == 0 && r == 102);
	CHECK(RUN(root, "/", FS_O_READ, &r) == 0 && r == 103);
	CHECK(RUN(err, "x", 0, &r) == ENOENT);
}

static void
test_retries(void)
{
	/* A translator on /mnt: its root, then the rest there. */
	static const struct step trans[] = {
		{ ROOT, "mnt/x/y", 0, 0, FS_RETRY_NORMAL, "x/y", 200 },
		{ 200, "x/y", 0, 0, FS_RETRY_NORMAL, "", 201 } };
	/* ".." above the translator's root leads back to the parent fs. */
	static const struct step dotdot[] = {
		{ CWD, "../../z", 0, 0, FS_RETRY_NORMAL, "../z", 210 },
		{ 210, "../z", 0, 0, FS_RETRY_NORMAL, "", 211 } };
	/* A symlink to an absolute name: start again at our root. */
	static const struct step magic[] = {
		{ CWD, "l/q", 0, 0, FS_RETRY_MAGICAL, "//etc/q", 0 },
		{ ROOT, "etc/q", 0, 0, FS_RETRY_NORMAL, "", 220 } };
	static const struct step magic_port[] = {
		{ CWD, "l", 0, 0, FS_RETRY_MAGICAL, "/", 221 },
		{ ROOT, "", 0, 0, FS_RETRY_NORMAL, "", 222 } };
	static const struct step reauth[] = {
		{ CWD, "m/f", 0, 0, FS_RETRY_REAUTH, "f", 230 },
		{ 1230, "f", 0, 0, FS_RETRY_NORMAL, "", 231 } };
	mach_port_t r;

	CHECK(RUN(trans, "/mnt/x/y", 0, &r) == 0 && r == 201);
	CHECK(RUN(dotdot, "../../z", 0, &r) == 0 && r == 211);
	CHECK(RUN(magic, "l/q", 0, &r) == 0 && r == 220);
	CHECK(RUN(magic_port, "l", 0, &r) == 0 && r == 222);
	reauths = 0;
	CHECK(RUN(reauth, "m/f", 0, &r) == 0 && r == 231 && reauths == 1);
}

static void
test_failures(void)
{
	static const struct step later[] = {
		{ ROOT, "mnt/x", 0, 0, FS_RETRY_NORMAL, "x", 300 },
		{ 300, "x", 0, ENOTDIR, 0, "", 0 } };
	static const struct step magic_other[] = {
		{ CWD, "dev/fd/3", 0, 0, FS_RETRY_MAGICAL, "fd/3", 301 } };
	static const struct step bad_kind[] = {
		{ CWD, "k", 0, 0, 7, "", 302 } };
	static const struct step no_port[] = {
		{ CWD, "k", 0, 0, FS_RETRY_NORMAL, "rest", MACH_PORT_NULL } };
	static const struct step no_root[] = {
		{ CWD, "l", 0, 0, FS_RETRY_MAGICAL, "/etc", 0 } };
	mach_port_t r;

	CHECK(RUN(later, "/mnt/x", 0, &r) == ENOTDIR);
	CHECK(RUN(magic_other, "dev/fd/3", 0, &r) == ENOENT);
	CHECK(RUN(bad_kind, "k", 0, &r) == EIO);
	CHECK(RUN(no_port, "k", 0, &r) == EIO);
	CHECK(run(no_root, 1, MACH_PORT_NULL, CWD, "l", 0, &r) == ENOENT);
	CHECK(run(NULL, 0, MACH_PORT_NULL, CWD, "/a", 0, &r) == ENOENT);
	CHECK(run(NULL, 0, ROOT, MACH_PORT_NULL, "a", 0, &r) == ENOENT);
	loop_forever = 1;
	CHECK(run(NULL, 0, ROOT, CWD, "a", 0, &r) == ELOOP);
	CHECK(at == LOOKUP_LOOP_MAX + 1);
	loop_forever = 0;
}

static void
test_names(void)
{
	char path[2048], dir[LOOKUP_PATH_MAX], last[LOOKUP_NAME_MAX + 1];
	mach_port_t r;
	int slash;

	CHECK(lookup_check("") == ENOENT);
	CHECK(lookup_check(NULL) == ENOENT);
	memset(path, 'a', 255);
	path[255] = '\0';
	CHECK(lookup_check(path) == 0);
	path[255] = 'a';
	path[256] = '\0';
	CHECK(lookup_check(path) == ENAMETOOLONG);
	CHECK(run(NULL, 0, ROOT, CWD, path, 0, &r) == ENAMETOOLONG);
	memset(path, 0, sizeof(path));
	for (int i = 0; i < 1023; i++)
		path[i] = i % 100 == 99 ? '/' : 'b';
	CHECK(lookup_check(path) == 0);
	path[1023] = 'b';
	CHECK(lookup_check(path) == ENAMETOOLONG);

	CHECK(lookup_split("a/b/c", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "a/b") == 0 && strcmp(last, "c") == 0 && !slash);
	CHECK(lookup_split("c", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "") == 0 && strcmp(last, "c") == 0);
	CHECK(lookup_split("/c//", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "/") == 0 && strcmp(last, "c") == 0 && slash);
	CHECK(lookup_split("//c", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "/") == 0 && strcmp(last, "c") == 0);
	CHECK(lookup_split("a//b", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "a") == 0 && strcmp(last, "b") == 0);
	CHECK(lookup_split("///", dir, last, &slash) == 0);
	CHECK(strcmp(dir, "/") == 0 && strcmp(last, "") == 0 && slash);
	CHECK(lookup_split("", dir, last, &slash) == ENOENT);
}

int
main(void)
{
	test_simple();
	test_retries();
	test_failures();
	test_names();
	if (failures != 0) {
		printf("test-lookup: %d failures\n", failures);
		return 1;
	}
	printf("test-lookup: ok\n");
	return 0;
}
