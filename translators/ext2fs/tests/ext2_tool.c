/*
 * ext2_tool.c -- drives the ext2 engine over an image from a script on
 * stdin, one operation per line, for the shell tests: they compare what it
 * prints and what debugfs and e2fsck see afterwards.
 *
 *   ext2_tool IMAGE [ro] < script
 *
 * A line "!EXXX op args" expects op to fail with EXXX; other lines expect
 * success.  The exit status is 1 if any line's result differs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

static struct ext2_fs *fs;

static void
pattern(uint8_t *p, size_t len, uint64_t off, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)((off + i) * 2654435761u >> 13 ^ seed);
}

static int
ls_one(void *arg, const char *name, size_t len, uint32_t ino,
    unsigned int ft, uint64_t next)
{
	(void)arg, (void)next;
	printf("%.*s %u %u\n", (int)len, name, ino, ft);
	return 0;
}

static int
op_write(char **av, int ac)
{
	uint64_t off, len, done = 0;
	size_t n, w;
	uint32_t ino;
	uint8_t *buf;
	int error;

	if (ac < 4)
		return -1000;
	if ((error = tu_walk(fs, av[1], &ino)) != 0)
		return error;
	off = strtoull(av[2], NULL, 0);
	len = strtoull(av[3], NULL, 0);
	buf = malloc(1 << 20);
	while (done < len) {
		n = len - done > (1 << 20) ? (1 << 20) : (size_t)(len - done);
		pattern(buf, n, off + done, ac > 4 ? atoi(av[4]) : 0);
		error = ext2_write(fs, ino, off + done, buf, n, &w);
		if (error != 0 || w == 0)
			break;
		done += w;
	}
	free(buf);
	return error;
}

/* Check a file's contents against the pattern at [off, off+len). */
static int
op_verify(char **av, int ac)
{
	uint64_t off, len;
	uint8_t *buf, *want;
	size_t got;
	uint32_t ino;
	int error;

	if (ac < 4)
		return -1000;
	if ((error = tu_walk(fs, av[1], &ino)) != 0)
		return error;
	off = strtoull(av[2], NULL, 0);
	len = strtoull(av[3], NULL, 0);
	buf = malloc(len + 1);
	want = malloc(len + 1);
	pattern(want, len, off, ac > 4 ? atoi(av[4]) : 0);
	if (ac > 5 && strcmp(av[5], "zero") == 0)
		memset(want, 0, len);
	error = ext2_read(fs, ino, off, buf, len, &got);
	if (error == 0 && (got != len || memcmp(buf, want, len) != 0)) {
		fprintf(stderr, "verify %s: contents differ (got %zu)\n",
		    av[1], got);
		error = -1000;
	}
	free(buf);
	free(want);
	return error;
}

static int
op_stat(uint32_t ino)
{
	struct ext2_stat st;
	int error;

	if ((error = ext2_getattr(fs, ino, &st)) != 0)
		return error;
	printf("mode %o links %u uid %u gid %u size %llu rdev %u,%u\n",
	    st.es_mode, st.es_nlink, st.es_uid, st.es_gid,
	    (unsigned long long)st.es_size, st.es_rdev_major,
	    st.es_rdev_minor);
	return 0;
}

static int
op_xattr(char **av, int ac, uint32_t ino)
{
	char buf[65536];
	size_t len, i;
	int error;

	if (strcmp(av[0], "setxattr") == 0 && ac > 3)
		return ext2_xattr_set(fs, ino, av[2], av[3], strlen(av[3]),
		    ac > 4 ? atoi(av[4]) : 0);
	if (strcmp(av[0], "rmxattr") == 0 && ac > 2)
		return ext2_xattr_remove(fs, ino, av[2]);
	if (strcmp(av[0], "getxattr") == 0 && ac > 2) {
		error = ext2_xattr_get(fs, ino, av[2], buf, sizeof(buf), &len);
		if (error == 0)
			printf("%.*s\n", (int)len, buf);
		return error;
	}
	if (strcmp(av[0], "listxattr") == 0) {
		error = ext2_xattr_list(fs, ino, buf, sizeof(buf), &len);
		for (i = 0; error == 0 && i < len; i += strlen(buf + i) + 1)
			printf("%s\n", buf + i);
		return error;
	}
	return -1000;
}

static int
op_node(char **av, int ac)
{
	char buf[4096];
	uint32_t ino;
	size_t len;
	uint64_t cookie = 0;
	int error;

	if ((error = tu_walk(fs, av[1], &ino)) != 0)
		return error;
	if (strcmp(av[0], "ls") == 0)
		return ext2_readdir(fs, ino, &cookie, ls_one, NULL);
	if (strcmp(av[0], "stat") == 0)
		return op_stat(ino);
	if (strcmp(av[0], "truncate") == 0 && ac > 2)
		return ext2_truncate(fs, ino, strtoull(av[2], NULL, 0));
	if (strcmp(av[0], "chmod") == 0 && ac > 2)
		return ext2_chmod(fs, ino, strtoul(av[2], NULL, 8));
	if (strcmp(av[0], "chown") == 0 && ac > 3)
		return ext2_chown(fs, ino, atoi(av[2]), atoi(av[3]));
	if (strcmp(av[0], "utimes") == 0 && ac > 3)
		return ext2_utimes(fs, ino, atoll(av[2]), atoll(av[3]));
	if (strcmp(av[0], "readlink") == 0) {
		error = ext2_readlink(fs, ino, buf, sizeof(buf), &len);
		if (error == 0)
			printf("%.*s\n", (int)len, buf);
		return error;
	}
	if (strcmp(av[0], "cat") == 0) {
		error = ext2_read(fs, ino, 0, buf, sizeof(buf), &len);
		if (error == 0)
			printf("%.*s\n", (int)len, buf);
		return error;
	}
	if (strcmp(av[0], "hold") == 0)
		return ext2_hold(fs, ino);
	if (strcmp(av[0], "release") == 0)
		return ext2_release(fs, ino);
	return op_xattr(av, ac, ino);
}

static int
op_mknod(uint32_t dir, const char *name, char **av, int ac)
{
	uint32_t ino, type;

	if (ac < 3)
		return -1000;
	switch (av[2][0]) {
	case 'c': type = 0020000; break;
	case 'b': type = 0060000; break;
	case 'p': type = 0010000; break;
	case 's': type = 0140000; break;
	default: return -1000;
	}
	return ext2_mknod(fs, dir, name, type | 0644, ac > 3 ? atoi(av[3]) : 0,
	    ac > 4 ? atoi(av[4]) : 0, 0, 0, &ino);
}

/* Operations on two names: link and rename. */
static int
op_two(char **av, uint32_t dir, const char *name)
{
	const char *name2;
	uint32_t dir2, src;
	int error;

	if ((error = tu_parent(fs, av[2], &dir2, &name2)) != 0)
		return error;
	if (strcmp(av[0], "rename") == 0)
		return ext2_rename(fs, dir, name, dir2, name2);
	if ((error = tu_walk(fs, av[1], &src)) != 0)
		return error;
	return ext2_link(fs, dir2, name2, src);
}

static int
op_writestr(uint32_t dir, const char *name, const char *s)
{
	uint32_t ino;
	size_t w;
	int error;

	if ((error = ext2_lookup(fs, dir, name, &ino)) == -ENOENT)
		error = ext2_create(fs, dir, name, 0644, 0, 0, &ino);
	if (error != 0)
		return error;
	return ext2_write(fs, ino, 0, s, strlen(s), &w);
}

/* Operations on a name in a directory. */
static int
op_name(char **av, int ac)
{
	const char *name;
	uint32_t dir, ino;
	int error;

	if ((error = tu_parent(fs, av[1], &dir, &name)) != 0)
		return error;
	if (strcmp(av[0], "mkdir") == 0)
		return ext2_mkdir(fs, dir, name, 0755, 0, 0, &ino);
	if (strcmp(av[0], "create") == 0)
		return ext2_create(fs, dir, name, 0644, 0, 0, &ino);
	if (strcmp(av[0], "rm") == 0)
		return ext2_unlink(fs, dir, name);
	if (strcmp(av[0], "rmdir") == 0)
		return ext2_rmdir(fs, dir, name);
	if (strcmp(av[0], "mknod") == 0)
		return op_mknod(dir, name, av, ac);
	if (ac < 3)
		return -1000;
	if (strcmp(av[0], "symlink") == 0)
		return ext2_symlink(fs, dir, name, av[2], 0, 0, &ino);
	if (strcmp(av[0], "writestr") == 0)
		return op_writestr(dir, name, av[2]);
	if (strcmp(av[0], "link") == 0 || strcmp(av[0], "rename") == 0)
		return op_two(av, dir, name);
	return -1000;
}

/* import HOSTFILE PATH: copy a host file in; export PATH HOSTFILE: out. */
static int
op_copy(char **av, int ac)
{
	static uint8_t buf[65536];
	uint64_t off = 0;
	uint32_t dir, ino;
	const char *name;
	size_t n, done;
	FILE *f;
	int error = 0;

	if (ac < 3)
		return -1000;
	if (strcmp(av[0], "import") == 0) {
		if ((f = fopen(av[1], "rb")) == NULL)
			return -1000;
		if ((error = tu_parent(fs, av[2], &dir, &name)) == 0)
			error = ext2_create(fs, dir, name, 0644, 0, 0, &ino);
		while (error == 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
			error = ext2_write(fs, ino, off, buf, n, &done);
			off += done;
		}
	} else {
		if ((f = fopen(av[2], "wb")) == NULL)
			return -1000;
		if ((error = tu_walk(fs, av[1], &ino)) == 0)
			while ((error = ext2_read(fs, ino, off, buf,
			    sizeof(buf), &done)) == 0 && done > 0) {
				fwrite(buf, 1, done, f);
				off += done;
			}
	}
	fclose(f);
	return error;
}

static int
run_line(char **av, int ac)
{
	static const char *const named[] = { "mkdir", "create", "rm", "rmdir",
	    "mknod", "symlink", "writestr", "link", "rename", NULL };
	struct ext2_statfs sf;
	int i;

	if (strcmp(av[0], "write") == 0)
		return op_write(av, ac);
	if (strcmp(av[0], "verify") == 0)
		return op_verify(av, ac);
	if (strcmp(av[0], "sync") == 0)
		return ext2_sync(fs);
	if (strcmp(av[0], "import") == 0 || strcmp(av[0], "export") == 0)
		return op_copy(av, ac);
	if (strcmp(av[0], "statfs") == 0) {
		ext2_statfs(fs, &sf);
		printf("blocks %llu free %llu files %llu ffree %llu\n",
		    (unsigned long long)sf.sf_blocks,
		    (unsigned long long)sf.sf_bfree,
		    (unsigned long long)sf.sf_files,
		    (unsigned long long)sf.sf_ffree);
		return 0;
	}
	if (ac < 2)
		return -1000;
	for (i = 0; named[i] != NULL; i++)
		if (strcmp(av[0], named[i]) == 0)
			return op_name(av, ac);
	return op_node(av, ac);
}

int
main(int argc, char *argv[])
{
	char line[8192], *av[16], *p, *save;
	struct tu_image im;
	int ac, want, got, bad = 0, error;

	if (argc < 2) {
		fprintf(stderr, "usage: ext2_tool IMAGE [ro] < script\n");
		return 2;
	}
	error = tu_mount(&im, argv[1], argc > 2 ? EXT2_MOUNT_RDONLY : 0, &fs);
	if (error != 0) {
		printf("mount: %s\n", tu_errname(error));
		return 3;
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		ac = 0;
		for (p = strtok_r(line, " \t\n", &save); p != NULL && ac < 15;
		    p = strtok_r(NULL, " \t\n", &save))
			av[ac++] = p;
		if (ac == 0 || av[0][0] == '#')
			continue;
		want = 0;
		if (av[0][0] == '!') {
			want = tu_errnum(av[0] + 1);
			memmove(av, av + 1, --ac * sizeof(av[0]));
		}
		got = run_line(av, ac);
		if (got != want) {
			fprintf(stderr, "FAIL: %s %s: got %s want %s\n", av[0],
			    ac > 1 ? av[1] : "", tu_errname(got),
			    tu_errname(want));
			bad = 1;
		}
	}
	if ((error = ext2_unmount(fs)) != 0) {
		fprintf(stderr, "unmount: %s\n", tu_errname(error));
		bad = 1;
	}
	tu_close(&im);
	return bad;
}
