/*
 * test_tmpfs.c -- host test of tmpfs's nodes (tmpfs_node.c): names,
 * kinds and renames against a model of one directory tree, 100,000
 * seeded random operations; every byte charged against the size limit
 * comes back when everything is removed, and the limit holds (ENOSPC).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tmpfs.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	printf("check failed: %s (line %d)\n", #c, __LINE__); } } while (0)

#define SLOTS	24

/* The model: slot i is "n<i>" in dir (0: root, 1: "d"), a kind. */
static int kind[SLOTS];		/* 0 none, 1 file, 2 directory */

static void
test_cases(struct tmpfs *t)
{
	uint64_t d, f, g, x;
	size_t done;
	char buf[8];

	CHECK(tmpfs_make(t, TMPFS_ROOT, "d", S_IFDIR | 0755, 0, 0, NULL,
	    &d) == 0);
	CHECK(tmpfs_make(t, TMPFS_ROOT, "d", S_IFREG, 0, 0, NULL, &x) ==
	    EEXIST);
	CHECK(tmpfs_make(t, d, "f", S_IFREG | 0644, 0, 0, NULL, &f) == 0);
	CHECK(tmpfs_make(t, f, "x", S_IFREG, 0, 0, NULL, &x) == ENOTDIR);
	CHECK(tmpfs_write(t, f, 3, "abc", 3, &done) == 0 && done == 3);
	CHECK(tmpfs_read(t, f, 0, buf, sizeof(buf), &done) == 0 &&
	    done == 6 && buf[0] == 0 && memcmp(buf + 3, "abc", 3) == 0);
	CHECK(tmpfs_remove(t, TMPFS_ROOT, "d", 1) == ENOTEMPTY);
	CHECK(tmpfs_remove(t, TMPFS_ROOT, "d", 0) == EISDIR);
	CHECK(tmpfs_rename(t, TMPFS_ROOT, "d", d, "in") == EINVAL);
	CHECK(tmpfs_make(t, d, "g", S_IFDIR | 0755, 0, 0, NULL, &g) == 0);
	CHECK(tmpfs_rename(t, d, "f", d, "g") == EISDIR);
	CHECK(tmpfs_rename(t, d, "g", d, "f") == ENOTDIR);
	CHECK(tmpfs_rename(t, TMPFS_ROOT, "d", g, "deeper") == EINVAL);
	CHECK(tmpfs_link(t, TMPFS_ROOT, "hard", f) == 0);
	CHECK(tmpfs_link(t, TMPFS_ROOT, "hard2", g) == EPERM);
	CHECK(tmpfs_node(t, f)->nlink == 2);
	tmpfs_hold(t, f);
	CHECK(tmpfs_remove(t, d, "f", 0) == 0);
	CHECK(tmpfs_remove(t, TMPFS_ROOT, "hard", 0) == 0);
	CHECK(tmpfs_node(t, f) != NULL);	/* held */
	tmpfs_release(t, f);
	CHECK(tmpfs_node(t, f) == NULL);
	CHECK(tmpfs_remove(t, d, "g", 1) == 0);
	CHECK(tmpfs_node(t, d)->nlink == 2);
	CHECK(tmpfs_remove(t, TMPFS_ROOT, "d", 1) == 0);
}

/* One random operation on slot names in root and in "d" (dir d). */
static void
one(struct tmpfs *t, uint64_t d)
{
	int a = rand() % SLOTS, b = rand() % SLOTS, error, want;
	uint64_t dir_a = a < SLOTS / 2 ? TMPFS_ROOT : d;
	uint64_t dir_b = b < SLOTS / 2 ? TMPFS_ROOT : d, ino;
	char na[8], nb[8];
	size_t done;

	snprintf(na, sizeof(na), "n%d", a);
	snprintf(nb, sizeof(nb), "n%d", b);
	switch (rand() % 5) {
	case 0:
	case 1:
		want = kind[a] ? EEXIST : 0;
		error = tmpfs_make(t, dir_a, na, rand() % 2 ? S_IFDIR | 0755 :
		    S_IFREG | 0644, 0, 0, NULL, &ino);
		CHECK(error == want);
		if (error == 0) {
			kind[a] = S_ISDIR(tmpfs_node(t, ino)->mode) ? 2 : 1;
			if (kind[a] == 1)
				tmpfs_write(t, ino, rand() % 5000, "data", 4,
				    &done);
		}
		break;
	case 2:
		want = !kind[a] ? ENOENT : kind[a] == 2 ? EISDIR : 0;
		CHECK(tmpfs_remove(t, dir_a, na, 0) == want);
		if (want == 0)
			kind[a] = 0;
		break;
	case 3:
		want = !kind[a] ? ENOENT : kind[a] == 1 ? ENOTDIR : 0;
		CHECK(tmpfs_remove(t, dir_a, na, 1) == want);
		if (want == 0)
			kind[a] = 0;
		break;
	default:
		want = !kind[a] ? ENOENT : a == b || !kind[b] ? 0 :
		    kind[a] != kind[b] ? (kind[a] == 2 ? ENOTDIR : EISDIR) : 0;
		CHECK(tmpfs_rename(t, dir_a, na, dir_b, nb) == want);
		if (want == 0 && a != b) {
			kind[b] = kind[a];
			kind[a] = 0;
		}
	}
}

int
main(void)
{
	struct tmpfs t;
	uint64_t base, d, ino;
	size_t done;
	int i, error = 0;

	CHECK(tmpfs_init(&t, 1 << 20) == 0);
	base = t.used;
	test_cases(&t);
	CHECK(t.used == base);
	CHECK(tmpfs_make(&t, TMPFS_ROOT, "d", S_IFDIR | 0755, 0, 0, NULL,
	    &d) == 0);
	srand(42);
	for (i = 0; i < 100000; i++)
		one(&t, d);
	for (i = 0; i < SLOTS; i++) {
		char n[16];

		snprintf(n, sizeof(n), "n%d", i);
		if (kind[i])
			CHECK(tmpfs_remove(&t, i < SLOTS / 2 ? TMPFS_ROOT : d,
			    n, kind[i] == 2) == 0);
	}
	CHECK(tmpfs_remove(&t, TMPFS_ROOT, "d", 1) == 0);
	CHECK(t.used == base);
	/* The limit: a file grows until ENOSPC, and removal gives it back. */
	CHECK(tmpfs_make(&t, TMPFS_ROOT, "big", S_IFREG, 0, 0, NULL, &ino) ==
	    0);
	for (i = 0; i < 2000 && error == 0; i++)
		error = tmpfs_write(&t, ino, (uint64_t)i * 1024, "k", 1, &done);
	CHECK(error == ENOSPC && t.used <= t.limit && i > 900);
	CHECK(tmpfs_remove(&t, TMPFS_ROOT, "big", 0) == 0 && t.used == base);
	free(t.nodes[TMPFS_ROOT]);
	free(t.nodes);
	printf("test_tmpfs: %s\n", failures ? "FAIL" : "PASS");
	return failures != 0;
}
