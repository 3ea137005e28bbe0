/*
 * ext2_random.c -- host test: seeded random sequences of operations on
 * mke2fs-made images, each result checked against an in-memory model of
 * the tree, then the whole tree compared, e2fsck -fn run, and the image
 * remounted and compared again.  Also fills images to ENOSPC (blocks and
 * inodes).  EXT2_RANDOM_OPS and EXT2_RANDOM_SEEDS make it bigger.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

#define MAXNODES	2048
#define MAXENTS		2048
#define MAXFILE		(600 * 1024)

enum { T_FREE, T_FILE, T_DIR, T_LINK };

struct mnode {
	int		 type;
	uint32_t	 ino;
	uint8_t		*data;
	size_t		 size;
	char		*target;
	int		 links;
	char		 xval[40];
};

struct ment {
	int		 used;
	int		 parent;
	char		 name[256];
	int		 node;
};

static struct mnode nodes[MAXNODES];
static struct ment ents[MAXENTS];
static struct ext2_fs *fs;
static struct tu_image im;
static uint64_t rng;
static int failures;
static long opno;
static int noxattr;		/* revision 0: no extended attributes */

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (uint32_t)(rng >> 33) % n : 0;
}

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "op %ld: ", opno);			\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		if (++failures > 10)					\
			exit(1);					\
	}								\
} while (0)

static int
new_node(int type, uint32_t ino)
{
	int i;

	for (i = 0; i < MAXNODES; i++)
		if (nodes[i].type == T_FREE) {
			memset(&nodes[i], 0, sizeof(nodes[i]));
			nodes[i].type = type;
			nodes[i].ino = ino;
			nodes[i].links = 1;
			return i;
		}
	return -1;
}

static void
free_node(int n)
{
	free(nodes[n].data);
	free(nodes[n].target);
	memset(&nodes[n], 0, sizeof(nodes[n]));
}

static int
add_ent(int parent, const char *name, int node)
{
	int i;

	for (i = 0; i < MAXENTS; i++)
		if (!ents[i].used) {
			ents[i].used = 1;
			ents[i].parent = parent;
			snprintf(ents[i].name, sizeof(ents[i].name), "%s",
			    name);
			ents[i].node = node;
			return i;
		}
	return -1;
}

static int
find_ent(int parent, const char *name)
{
	int i;

	for (i = 0; i < MAXENTS; i++)
		if (ents[i].used && ents[i].parent == parent &&
		    strcmp(ents[i].name, name) == 0)
			return i;
	return -1;
}

static int
nchildren(int dir)
{
	int i, n = 0;

	for (i = 0; i < MAXENTS; i++)
		n += ents[i].used && ents[i].parent == dir;
	return n;
}

static int
nsubdirs(int dir)
{
	int i, n = 0;

	for (i = 0; i < MAXENTS; i++)
		n += ents[i].used && ents[i].parent == dir &&
		    nodes[ents[i].node].type == T_DIR;
	return n;
}

/* Is node a equal to b or one of b's ancestors? */
static int
is_ancestor(int a, int b)
{
	int i, guard;

	for (guard = 0; guard < MAXENTS && b != 0; guard++) {
		if (a == b)
			return 1;
		for (i = 0; i < MAXENTS; i++)
			if (ents[i].used && ents[i].node == b)
				break;
		if (i == MAXENTS)
			return 0;
		b = ents[i].parent;
	}
	return a == b;
}

static int
pick_node(int type)
{
	int i, n = 0, k;

	for (i = 0; i < MAXNODES; i++)
		n += nodes[i].type == type;
	if (n == 0)
		return -1;
	k = (int)rnd(n);
	for (i = 0; i < MAXNODES; i++)
		if (nodes[i].type == type && k-- == 0)
			return i;
	return -1;
}

static int
pick_ent(void)
{
	int i, n = 0, k;

	for (i = 0; i < MAXENTS; i++)
		n += ents[i].used;
	if (n == 0)
		return -1;
	k = (int)rnd(n);
	for (i = 0; i < MAXENTS; i++)
		if (ents[i].used && k-- == 0)
			return i;
	return -1;
}

static void
pick_name(char *buf)
{
	static const char *const base[] = { "a", "b", "c", "dd", "eee",
	    "file", "x.txt", "long-name" };
	int i, len;

	if (rnd(8) == 0) {
		len = 30 + (int)rnd(220);
		for (i = 0; i < len; i++)
			buf[i] = (char)('a' + rnd(3));
		buf[len] = '\0';
		return;
	}
	sprintf(buf, "%s%u", base[rnd(8)], rnd(12));
}

/* Is there room in the model for one more node and name? */
static int
model_full(void)
{
	int i, n = 0, m = 0;

	for (i = 0; i < MAXNODES; i++)
		n += nodes[i].type != T_FREE;
	for (i = 0; i < MAXENTS; i++)
		m += ents[i].used;
	return n >= MAXNODES - 1 || m >= MAXENTS - 1;
}

static void
op_make(int type)
{
	char name[256], target[400];
	int dir = pick_node(T_DIR), exists, n, i, len;
	uint32_t ino = 0;
	int error;

	if (model_full())
		return;
	pick_name(name);
	exists = find_ent(dir, name) >= 0;
	if (type == T_FILE)
		error = ext2_create(fs, nodes[dir].ino, name, 0644, 1, 2, &ino);
	else if (type == T_DIR)
		error = ext2_mkdir(fs, nodes[dir].ino, name, 0755, 0, 0, &ino);
	else {
		len = 1 + (int)rnd(rnd(2) ? 50 : 300);
		for (i = 0; i < len; i++)
			target[i] = (char)('A' + rnd(26));
		target[len] = '\0';
		error = ext2_symlink(fs, nodes[dir].ino, name, target, 0, 0,
		    &ino);
	}
	CHECK(error == (exists ? -EEXIST : 0), "make %s: %s", name,
	    tu_errname(error));
	if (error != 0)
		return;
	n = new_node(type, ino);
	if (type == T_DIR) {
		nodes[n].links = 2;
		nodes[dir].links++;
	}
	if (type == T_LINK)
		nodes[n].target = strdup(target);
	add_ent(dir, name, n);
}

/* Many names in one directory, so that it grows an index and splits. */
static void
op_bulk(void)
{
	int dir = pick_node(T_DIR), i, n;
	char name[256];
	uint32_t ino;
	int error;

	for (i = 0; i < 40 && !model_full(); i++) {
		snprintf(name, sizeof(name), "bulk-%u-%0*u", rnd(100000),
		    (int)rnd(60), rnd(1000));
		if (find_ent(dir, name) >= 0)
			continue;
		error = ext2_create(fs, nodes[dir].ino, name, 0600, 0, 0, &ino);
		CHECK(error == 0, "bulk create %s: %s", name,
		    tu_errname(error));
		if (error != 0)
			return;
		n = new_node(T_FILE, ino);
		add_ent(dir, name, n);
	}
}

static void
op_write(void)
{
	int f = pick_node(T_FILE), error;
	size_t off, len, i, done;
	uint8_t *buf;

	if (f < 0)
		return;
	off = rnd(rnd(4) ? 70000 : MAXFILE - 70000);
	len = 1 + rnd(rnd(3) ? 5000 : 65536);
	buf = malloc(len);
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)rnd(256);
	error = ext2_write(fs, nodes[f].ino, off, buf, len, &done);
	CHECK(error == 0 && done == len, "write: %s", tu_errname(error));
	if (off + len > nodes[f].size) {
		nodes[f].data = realloc(nodes[f].data, off + len);
		memset(nodes[f].data + nodes[f].size, 0,
		    off + len - nodes[f].size);
		nodes[f].size = off + len;
	}
	memcpy(nodes[f].data + off, buf, len);
	free(buf);
}

static void
op_truncate(void)
{
	int f = pick_node(T_FILE), error;
	size_t size;

	if (f < 0)
		return;
	size = rnd(4) ? rnd((uint32_t)nodes[f].size + 1) : rnd(MAXFILE);
	error = ext2_truncate(fs, nodes[f].ino, size);
	CHECK(error == 0, "truncate: %s", tu_errname(error));
	if (size > nodes[f].size) {
		nodes[f].data = realloc(nodes[f].data, size);
		memset(nodes[f].data + nodes[f].size, 0, size - nodes[f].size);
	}
	nodes[f].size = size;
}

/* The model's side of losing one name of node n. */
static void
unref(int n)
{
	if (nodes[n].type == T_DIR) {
		free_node(n);
		return;
	}
	if (--nodes[n].links == 0)
		free_node(n);
}

static void
op_remove(int rmdir)
{
	int e = pick_ent(), n, want = 0, error;

	if (e < 0)
		return;
	n = ents[e].node;
	if (rmdir && nodes[n].type != T_DIR)
		want = -ENOTDIR;
	else if (rmdir && nchildren(n) > 0)
		want = -ENOTEMPTY;
	else if (!rmdir && nodes[n].type == T_DIR)
		want = -EISDIR;
	if (rmdir)
		error = ext2_rmdir(fs, nodes[ents[e].parent].ino, ents[e].name);
	else
		error = ext2_unlink(fs, nodes[ents[e].parent].ino,
		    ents[e].name);
	CHECK(error == want, "%s %s: %s want %s", rmdir ? "rmdir" : "unlink",
	    ents[e].name, tu_errname(error), tu_errname(want));
	if (error != 0)
		return;
	if (rmdir)
		nodes[ents[e].parent].links--;
	ents[e].used = 0;
	unref(n);
}

/* The error rename should give, from the model. */
static int
rename_want(int e, int dir, int t)
{
	int src = ents[e].node;

	if (nodes[src].type == T_DIR && dir != ents[e].parent &&
	    is_ancestor(src, dir))
		return -EINVAL;
	if (t < 0 || ents[t].node == src)
		return 0;
	if (nodes[src].type == T_DIR) {
		if (nodes[ents[t].node].type != T_DIR)
			return -ENOTDIR;
		if (nchildren(ents[t].node) > 0)
			return -ENOTEMPTY;
	} else if (nodes[ents[t].node].type == T_DIR)
		return -EISDIR;
	return 0;
}

static void
op_rename(void)
{
	int e = pick_ent(), dir = pick_node(T_DIR), t, want, error, src;
	char name[256];

	if (e < 0)
		return;
	pick_name(name);
	if (rnd(4) == 0 && (t = pick_ent()) >= 0) {	/* aim at a name */
		dir = ents[t].parent;
		strcpy(name, ents[t].name);
	}
	t = find_ent(dir, name);
	want = rename_want(e, dir, t);
	error = ext2_rename(fs, nodes[ents[e].parent].ino, ents[e].name,
	    nodes[dir].ino, name);
	CHECK(error == want, "rename %s -> %s: %s want %s", ents[e].name,
	    name, tu_errname(error), tu_errname(want));
	if (error != 0 || (t >= 0 && ents[t].node == ents[e].node))
		return;
	src = ents[e].node;
	if (nodes[src].type == T_DIR) {
		nodes[ents[e].parent].links--;
		nodes[dir].links++;
	}
	if (t >= 0) {
		if (nodes[ents[t].node].type == T_DIR)
			nodes[dir].links--;
		unref(ents[t].node);
		ents[t].used = 0;
	}
	ents[e].parent = dir;
	strcpy(ents[e].name, name);
}

static void
op_link(void)
{
	int e = pick_ent(), dir = pick_node(T_DIR), want = 0, error, n;
	char name[256];

	if (e < 0 || model_full())
		return;
	n = ents[e].node;
	pick_name(name);
	if (nodes[n].type == T_DIR)
		want = -EPERM;
	else if (find_ent(dir, name) >= 0)
		want = -EEXIST;
	error = ext2_link(fs, nodes[dir].ino, name, nodes[n].ino);
	CHECK(error == want, "link %s: %s want %s", name, tu_errname(error),
	    tu_errname(want));
	if (error == 0) {
		nodes[n].links++;
		add_ent(dir, name, n);
	}
}

static void
op_xattr(void)
{
	int e = pick_ent(), n, error;
	char val[40], got[64];
	size_t len;

	if (e < 0 || noxattr)
		return;
	n = ents[e].node;
	if (rnd(2)) {
		snprintf(val, sizeof(val), "v%u-%u", rnd(1000), rnd(1 << 30));
		error = ext2_xattr_set(fs, nodes[n].ino, "user.t", val,
		    strlen(val), 0);
		CHECK(error == 0, "setxattr: %s", tu_errname(error));
		if (error == 0)
			strcpy(nodes[n].xval, val);
	}
	error = ext2_xattr_get(fs, nodes[n].ino, "user.t", got, sizeof(got),
	    &len);
	if (nodes[n].xval[0] == '\0')
		CHECK(error == -ENODATA, "getxattr: %s", tu_errname(error));
	else
		CHECK(error == 0 && len == strlen(nodes[n].xval) &&
		    memcmp(got, nodes[n].xval, len) == 0, "getxattr: %s",
		    tu_errname(error));
}

static void
verify_file(int n)
{
	uint8_t *buf = malloc(nodes[n].size + 1);
	size_t got = 0;
	int error;

	error = ext2_read(fs, nodes[n].ino, 0, buf, nodes[n].size + 1, &got);
	CHECK(error == 0 && got == nodes[n].size &&
	    (got == 0 || memcmp(buf, nodes[n].data, got) == 0),
	    "contents of ino %u differ (%s, %zu of %zu)", nodes[n].ino,
	    tu_errname(error), got, nodes[n].size);
	free(buf);
}

struct seen {
	int	dir;
	int	count;
	int	page;		/* entries taken in this call */
};

static int
verify_entry(void *arg, const char *name, size_t len, uint32_t ino,
    unsigned int ft, uint64_t next)
{
	struct seen *s = arg;
	char buf[256];
	int e;

	(void)ft, (void)next;
	/* Take a few entries per call, to exercise the cookies. */
	if (s->page++ == 5)
		return 1;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, name);
	s->count++;
	if (strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0)
		return 0;
	e = find_ent(s->dir, buf);
	CHECK(e >= 0 && nodes[ents[e].node].ino == ino,
	    "readdir: unexpected %s -> %u", buf, ino);
	return 0;
}

static void
verify_node(int n)
{
	struct ext2_stat st;
	struct seen s = { n, 0, 0 };
	uint64_t cookie = 0;
	char buf[4096];
	size_t len;
	int error, last;

	error = ext2_getattr(fs, nodes[n].ino, &st);
	CHECK(error == 0, "getattr %u: %s", nodes[n].ino, tu_errname(error));
	CHECK((int)st.es_nlink == nodes[n].links, "ino %u: links %u want %d",
	    nodes[n].ino, st.es_nlink, nodes[n].links);
	if (nodes[n].type == T_FILE) {
		CHECK(st.es_size == nodes[n].size, "ino %u: size",
		    nodes[n].ino);
		verify_file(n);
	} else if (nodes[n].type == T_LINK) {
		error = ext2_readlink(fs, nodes[n].ino, buf, sizeof(buf), &len);
		CHECK(error == 0 && len == strlen(nodes[n].target) &&
		    memcmp(buf, nodes[n].target, len) == 0, "readlink %u",
		    nodes[n].ino);
	} else {
		CHECK(nodes[n].links == 2 + nsubdirs(n), "model links");
		do {
			last = s.count;
			s.page = 0;
			error = ext2_readdir(fs, nodes[n].ino, &cookie,
			    verify_entry, &s);
		} while (error == 0 && s.count > last);
		CHECK(error == 0 && s.count == nchildren(n) + 2,
		    "readdir %u: %s, %d entries want %d", nodes[n].ino,
		    tu_errname(error), s.count, nchildren(n) + 2);
	}
}

static void
verify_all(void)
{
	int i;

	for (i = 0; i < MAXNODES; i++)
		if (nodes[i].type != T_FREE)
			verify_node(i);
}

static void
reset_model(void)
{
	int i;

	for (i = 0; i < MAXNODES; i++)
		if (nodes[i].type != T_FREE)
			free_node(i);
	memset(ents, 0, sizeof(ents));
	nodes[new_node(T_DIR, 2)].links = 3;
	nodes[new_node(T_DIR, 11)].links = 2;
	add_ent(0, "lost+found", 1);
}

static int
remount(const char *img, int check)
{
	int error;

	if ((error = ext2_unmount(fs)) != 0) {
		fprintf(stderr, "unmount: %s\n", tu_errname(error));
		return 1;
	}
	tu_close(&im);
	if (check && tu_sh("e2fsck -fn %s >%s.fsck 2>&1 || "
	    "{ cat %s.fsck; exit 1; }", img, img, img) != 0)
		return 1;
	if ((error = tu_mount(&im, img, 0, &fs)) != 0) {
		fprintf(stderr, "mount: %s\n", tu_errname(error));
		return 1;
	}
	return 0;
}

static void
random_op(void)
{
	switch (rnd(20)) {
	case 0: case 1: case 2: op_make(T_FILE); break;
	case 3: case 4: op_make(T_DIR); break;
	case 5: op_make(T_LINK); break;
	case 6: case 7: case 8: op_write(); break;
	case 9: op_truncate(); break;
	case 10: case 11: op_remove(0); break;
	case 12: op_remove(1); break;
	case 13: case 14: op_rename(); break;
	case 15: op_link(); break;
	case 16: op_xattr(); break;
	case 17: if (rnd(8) == 0) op_bulk(); break;
	default: {
		int f = pick_node(T_FILE);

		if (f >= 0)
			verify_file(f);
	}
	}
}

static const char *const configs[] = {
	"-b 1024 -I 128",
	"-b 4096 -I 256",
	"-b 2048 -I 256 -O ^dir_index",
	"-b 1024 -I 256 -O ^filetype,^resize_inode",
	"-b 1024 -r 0",
};
#define NCONFIGS (sizeof(configs) / sizeof(configs[0]))

static int
run_seed(const char *dir, unsigned int seed, long ops)
{
	char img[512];

	snprintf(img, sizeof(img), "%s/rand%u.img", dir, seed);
	if (tu_sh("mke2fs -q -F -t ext2 %s %s 32M >/dev/null 2>&1",
	    configs[seed % NCONFIGS], img) != 0)
		return 1;
	if (tu_mount(&im, img, 0, &fs) != 0)
		return 1;
	rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	noxattr = strstr(configs[seed % NCONFIGS], "-r 0") != NULL;
	reset_model();
	for (opno = 0; opno < ops && failures == 0; opno++) {
		random_op();
		if (opno == ops / 2 && remount(img, 1) != 0)
			return 1;
	}
	verify_all();
	if (remount(img, 1) != 0)
		return 1;
	verify_all();
	ext2_unmount(fs);
	tu_close(&im);
	printf("seed %u (%s): %ld ops, %s\n", seed, configs[seed % NCONFIGS],
	    ops, failures ? "FAILED" : "ok");
	return failures != 0;
}

/* Fill one directory with files of size bytes until something fails. */
static int
fill(uint32_t dir, size_t size, int *count)
{
	static uint8_t buf[20000];
	char name[32];
	uint32_t ino;
	size_t done = size;
	int error;

	for (*count = 0;; (*count)++) {
		snprintf(name, sizeof(name), "f%d", *count);
		if ((error = ext2_create(fs, dir, name, 0644, 0, 0, &ino)) != 0)
			return error;
		if (size > 0 && (error = ext2_write(fs, ino, 0, buf, size,
		    &done)) != 0)
			return error;
		if (done != size)
			return -ENOSPC;
	}
}

static int
empty_dir(uint32_t dir, int count)
{
	char name[32];
	int i, error;

	for (i = 0; i <= count; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		error = ext2_unlink(fs, dir, name);
		if (error != 0 && error != -ENOENT)
			return error;
	}
	return 0;
}

static void
long_name(char *buf, int i)
{
	snprintf(buf, 256, "%0200d", i);
}

/* Add long names first.. to a directory, up to max, or to an error. */
static int
grow_dir(uint32_t dir, int first, int max, int *count)
{
	char name[256];
	uint32_t ino;
	int error;

	for (*count = 0; *count < max; (*count)++) {
		long_name(name, first + *count);
		if ((error = ext2_create(fs, dir, name, 0644, 0, 0, &ino)) != 0)
			return error;
	}
	return 0;
}

static int
unlink_long(uint32_t dir, int count)
{
	char name[256];
	int i, error;

	for (i = 0; i < count; i++) {
		long_name(name, i);
		if ((error = ext2_unlink(fs, dir, name)) != 0)
			return error;
	}
	return 0;
}

/* Run out of blocks, then of inodes: ENOSPC each time, image clean. */
static int
enospc_test(const char *dir)
{
	struct ext2_statfs before, after;
	struct ext2_stat r0, r1;
	uint32_t ino, d;
	char img[512];
	int n, n2, error, bad = 0;

	snprintf(img, sizeof(img), "%s/full.img", dir);
	if (tu_sh("mke2fs -q -F -t ext2 -b 1024 -N 128 %s 1M >/dev/null 2>&1",
	    img) != 0 || tu_mount(&im, img, 0, &fs) != 0)
		return 1;
	ext2_statfs(fs, &before);
	ext2_getattr(fs, 2, &r0);
	/* An indexed directory of several leaves, to split on a full disk. */
	bad |= ext2_mkdir(fs, 2, "d", 0755, 0, 0, &d) != 0;
	bad |= grow_dir(d, 0, 24, &n2) != 0;
	error = fill(2, 20000, &n);
	bad |= error != -ENOSPC;
	printf("blocks: %d files then %s\n", n, tu_errname(error));
	error = grow_dir(d, 24, 1000, &n2);
	bad |= error != -ENOSPC;
	printf("long names on a full disk: %d then %s\n", n2,
	    tu_errname(error));
	bad |= remount(img, 1);
	bad |= unlink_long(d, 24 + n2) != 0;
	bad |= ext2_rmdir(fs, 2, "d") != 0;
	bad |= empty_dir(2, n) != 0;
	error = fill(2, 0, &n);
	bad |= error != -ENOSPC;
	printf("inodes: %d files then %s\n", n, tu_errname(error));
	bad |= ext2_mkdir(fs, 2, "d", 0755, 0, 0, &ino) != -ENOSPC;
	bad |= remount(img, 1);
	bad |= empty_dir(2, n) != 0;
	ext2_statfs(fs, &after);
	ext2_getattr(fs, 2, &r1);
	/* Only the root directory's growth stays allocated. */
	bad |= before.sf_bfree - after.sf_bfree !=
	    (r1.es_size - r0.es_size) / before.sf_bsize ||
	    before.sf_ffree != after.sf_ffree;
	bad |= remount(img, 1);
	ext2_unmount(fs);
	tu_close(&im);
	printf("enospc: %s\n", bad ? "FAILED" : "ok");
	return bad;
}

/* A held file outlives its last name until released; then it is freed. */
static int
held_test(const char *dir)
{
	struct ext2_statfs before, after;
	uint8_t buf[5000], back[5000];
	char img[512];
	uint32_t ino;
	size_t n;
	int bad = 0;

	snprintf(img, sizeof(img), "%s/held.img", dir);
	if (tu_sh("mke2fs -q -F -t ext2 -b 1024 %s 4M >/dev/null 2>&1",
	    img) != 0 || tu_mount(&im, img, 0, &fs) != 0)
		return 1;
	memset(buf, 7, sizeof(buf));
	ext2_statfs(fs, &before);
	bad |= ext2_create(fs, 2, "held", 0644, 0, 0, &ino) != 0;
	bad |= ext2_write(fs, ino, 0, buf, sizeof(buf), &n) != 0;
	bad |= ext2_hold(fs, ino) != 0 || ext2_hold(fs, ino) != 0;
	bad |= ext2_unlink(fs, 2, "held") != 0;
	bad |= ext2_read(fs, ino, 0, back, sizeof(back), &n) != 0 ||
	    n != sizeof(back) || memcmp(buf, back, n) != 0;
	bad |= ext2_release(fs, ino) != 0;
	bad |= ext2_read(fs, ino, 0, back, sizeof(back), &n) != 0;
	bad |= ext2_release(fs, ino) != 0;
	bad |= ext2_read(fs, ino, 0, back, sizeof(back), &n) != -ENOENT;
	ext2_statfs(fs, &after);
	bad |= before.sf_bfree != after.sf_bfree ||
	    before.sf_ffree != after.sf_ffree;
	bad |= remount(img, 1);
	ext2_unmount(fs);
	tu_close(&im);
	printf("held: %s\n", bad ? "FAILED" : "ok");
	return bad;
}

struct pager {
	int	taken;
	int	seen[400];	/* times each original name was listed */
	int	other;
};

static int
pager_entry(void *arg, const char *name, size_t len, uint32_t ino,
    unsigned int ft, uint64_t next)
{
	struct pager *pg = arg;
	int k;

	(void)ino, (void)ft, (void)next;
	if (pg->taken++ == 10)
		return 1;
	if (len > 5 && memcmp(name, "orig-", 5) == 0 &&
	    (k = atoi(name + 5)) >= 0 && k < 400)
		pg->seen[k]++;
	else
		pg->other++;
	return 0;
}

/*
 * List an indexed directory ten entries at a time while adding names
 * between calls (splitting leaves): every original entry exactly once.
 */
static int
readdir_split_test(const char *dir)
{
	struct pager pg;
	uint64_t cookie = 0;
	char img[512], name[64];
	uint32_t d, ino;
	int i, added = 0, bad = 0, error;

	memset(&pg, 0, sizeof(pg));
	snprintf(img, sizeof(img), "%s/split.img", dir);
	if (tu_sh("mke2fs -q -F -t ext2 -b 1024 -N 4096 %s 8M >/dev/null "
	    "2>&1", img) != 0 || tu_mount(&im, img, 0, &fs) != 0)
		return 1;
	bad |= ext2_mkdir(fs, 2, "d", 0755, 0, 0, &d) != 0;
	for (i = 0; i < 400 && !bad; i++) {
		snprintf(name, sizeof(name), "orig-%d-with-a-longer-name", i);
		bad |= ext2_create(fs, d, name, 0644, 0, 0, &ino) != 0;
	}
	do {
		pg.taken = 0;
		error = ext2_readdir(fs, d, &cookie, pager_entry, &pg);
		for (i = 0; i < 15 && !bad; i++, added++) {
			snprintf(name, sizeof(name), "added-%d-also-longer",
			    added);
			bad |= ext2_create(fs, d, name, 0644, 0, 0, &ino) != 0;
		}
	} while (error == 0 && pg.taken > 10 && !bad);
	for (i = 0; i < 400; i++)
		bad |= pg.seen[i] != 1;
	bad |= error != 0 || remount(img, 1);
	ext2_unmount(fs);
	tu_close(&im);
	printf("readdir while splitting: %d added, %s\n", added,
	    bad ? "FAILED" : "ok");
	return bad;
}

int
main(void)
{
	long ops = 4000, seeds = 5;
	char *dir, *e;
	unsigned int s;
	int bad = 0;

	if ((e = getenv("EXT2_RANDOM_OPS")) != NULL)
		ops = atol(e);
	if ((e = getenv("EXT2_RANDOM_SEEDS")) != NULL)
		seeds = atol(e);
	if ((dir = tu_tmpdir()) == NULL)
		return 1;
	for (s = 1; s <= seeds && !bad; s++)
		bad |= run_seed(dir, s, ops);
	if (!bad)
		bad |= enospc_test(dir);
	if (!bad)
		bad |= held_test(dir);
	if (!bad)
		bad |= readdir_split_test(dir);
	tu_rmtree(dir);
	free(dir);
	return bad;
}
