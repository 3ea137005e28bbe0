/*
 * ext2_bench.c -- `make bench`: times the engine and libext2fs on the same
 * workloads over RAM-backed images (in /dev/shm): sequential write and read
 * of a 64 MiB file, then create, stat and unlink of 10,000 files in one
 * directory.  Prints MB/s and operations/s side by side; no verdict.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "tutil.h"

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
eng_rw(struct ext2_fs *fs, int writing)
{
	char *buf = calloc(1, BENCH_CHUNK);
	uint64_t off;
	uint32_t ino;
	size_t n;
	int i, bad;

	if (writing)
		bad = ext2_create(fs, ext2_root(fs), "big", 0644, 0, 0, &ino);
	else
		bad = ext2_lookup(fs, ext2_root(fs), "big", &ino);
	for (i = 0; i < BENCH_FILE_MB && !bad; i++) {
		memset(buf, i, BENCH_CHUNK);
		off = (uint64_t)i * BENCH_CHUNK;
		if (writing)
			bad = ext2_write(fs, ino, off, buf, BENCH_CHUNK, &n) ||
			    n != BENCH_CHUNK;
		else
			bad = ext2_read(fs, ino, off, buf, BENCH_CHUNK, &n) ||
			    n != BENCH_CHUNK;
	}
	free(buf);
	return bad;
}

static int
eng_files(struct ext2_fs *fs, int what)
{
	struct ext2_stat st;
	char name[32];
	uint32_t ino, root = ext2_root(fs);
	int i;

	for (i = 0; i < BENCH_NFILES; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		if (what == 0 && ext2_create(fs, root, name, 0644, 0, 0, &ino))
			return 1;
		if (what == 1 && (ext2_lookup(fs, root, name, &ino) ||
		    ext2_getattr(fs, ino, &st)))
			return 1;
		if (what == 2 && ext2_unlink(fs, root, name))
			return 1;
	}
	return 0;
}

/* One timed step: mount, run, unmount (which writes everything back). */
static double
eng_step(const char *img, int (*fn)(struct ext2_fs *, int), int arg)
{
	struct tu_image im;
	struct ext2_fs *fs;
	double t0 = bench_now(), t;

	if (tu_mount(&im, img, 0, &fs) != 0)
		return 0;
	if (fn(fs, arg) != 0) {
		ext2_unmount(fs);
		tu_close(&im);
		return 0;
	}
	t = ext2_unmount(fs) == 0 ? bench_now() - t0 : 0;
	tu_close(&im);
	return t;
}

static void
row(const char *what, double e, double l, double amount, const char *unit)
{
	printf("%-28s %10.1f %-5s %10.1f %-5s %6.2fx\n", what,
	    e > 0 ? amount / e : 0, unit, l > 0 ? amount / l : 0, unit,
	    e > 0 && l > 0 ? l / e : 0);
}

static int
mkimage(const char *img)
{
	return tu_sh("mke2fs -q -F -t ext2 -b 4096 -N 20000 %s 256M "
	    ">/dev/null 2>&1", img);
}

int
main(void)
{
	char dir[] = "/dev/shm/ext2bench.XXXXXX", img[64], lib[64];
	struct bench_times e, l;

	if (mkdtemp(dir) == NULL && (strcpy(dir, "/tmp/ext2bench.XXXXXX"),
	    mkdtemp(dir) == NULL))
		return 1;
	snprintf(img, sizeof(img), "%s/engine.img", dir);
	snprintf(lib, sizeof(lib), "%s/libext2fs.img", dir);
	if (mkimage(img) != 0 || mkimage(lib) != 0)
		return 1;
	e.write = eng_step(img, eng_rw, 1);
	e.read = eng_step(img, eng_rw, 0);
	e.create = eng_step(img, eng_files, 0);
	e.stat = eng_step(img, eng_files, 1);
	e.unlink = eng_step(img, eng_files, 2);
	bench_libext2fs(lib, &l);
	printf("ext2 engine and libext2fs, 4 KiB blocks, image in %s\n", dir);
	printf("%-28s %16s %16s %7s\n", "workload", "engine", "libext2fs",
	    "ratio");
	row("sequential write, 64 MiB", e.write, l.write, BENCH_FILE_MB,
	    "MB/s");
	row("sequential read, 64 MiB", e.read, l.read, BENCH_FILE_MB, "MB/s");
	row("create, 10000 files", e.create, l.create, BENCH_NFILES, "ops/s");
	row("stat, 10000 files", e.stat, l.stat, BENCH_NFILES, "ops/s");
	row("unlink, 10000 files", e.unlink, l.unlink, BENCH_NFILES, "ops/s");
	printf("e2fsck -fn afterwards: engine %s, libext2fs %s\n",
	    tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) ? "UNCLEAN" : "clean",
	    tu_sh("e2fsck -fn %s >/dev/null 2>&1", lib) ? "UNCLEAN" : "clean");
	tu_sh("rm -rf %s", dir);
	return 0;
}
