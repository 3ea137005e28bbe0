/*
 * bench_libext2fs.c -- ext2_bench's workloads through libext2fs, the library
 * e2fsprogs uses, for comparison with the engine on the same image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ext2fs/ext2fs.h>

#include "bench.h"

static errcode_t
lib_newfile(ext2_filsys fs, const char *name, ext2_ino_t *inop)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	errcode_t err;

	if ((err = ext2fs_new_inode(fs, EXT2_ROOT_INO, 0100644, 0, &ino)))
		return err;
	err = ext2fs_link(fs, EXT2_ROOT_INO, name, ino, EXT2_FT_REG_FILE);
	if (err == EXT2_ET_DIR_NO_SPACE) {
		if ((err = ext2fs_expand_dir(fs, EXT2_ROOT_INO)))
			return err;
		err = ext2fs_link(fs, EXT2_ROOT_INO, name, ino,
		    EXT2_FT_REG_FILE);
	}
	if (err)
		return err;
	ext2fs_inode_alloc_stats2(fs, ino, +1, 0);
	memset(&inode, 0, sizeof(inode));
	inode.i_mode = 0100644;
	inode.i_links_count = 1;
	inode.i_atime = inode.i_ctime = inode.i_mtime = (__u32)time(NULL);
	*inop = ino;
	return ext2fs_write_new_inode(fs, ino, &inode);
}

static int
lib_rw(ext2_filsys fs, int writing)
{
	char *buf = calloc(1, BENCH_CHUNK);
	ext2_file_t file;
	ext2_ino_t ino;
	unsigned int n;
	int i, bad = 0;

	if (writing) {
		if (lib_newfile(fs, "big", &ino))
			return 1;
	} else if (ext2fs_lookup(fs, EXT2_ROOT_INO, "big", 3, NULL, &ino))
		return 1;
	if (ext2fs_file_open(fs, ino, writing ? EXT2_FILE_WRITE : 0, &file))
		return 1;
	for (i = 0; i < BENCH_FILE_MB && !bad; i++) {
		memset(buf, i, BENCH_CHUNK);
		if (writing)
			bad = ext2fs_file_write(file, buf, BENCH_CHUNK, &n) ||
			    n != BENCH_CHUNK;
		else
			bad = ext2fs_file_read(file, buf, BENCH_CHUNK, &n) ||
			    n != BENCH_CHUNK;
	}
	bad |= ext2fs_file_close(file) != 0;
	free(buf);
	return bad;
}

static int
lib_files(ext2_filsys fs, int what)
{
	struct ext2_inode inode;
	char name[32];
	ext2_ino_t ino;
	int i;

	for (i = 0; i < BENCH_NFILES; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		if (what == 0) {
			if (lib_newfile(fs, name, &ino))
				return 1;
			continue;
		}
		if (ext2fs_lookup(fs, EXT2_ROOT_INO, name, strlen(name), NULL,
		    &ino) || ext2fs_read_inode(fs, ino, &inode))
			return 1;
		if (what == 1)
			continue;
		if (ext2fs_unlink(fs, EXT2_ROOT_INO, name, ino, 0))
			return 1;
		inode.i_links_count = 0;
		inode.i_dtime = (__u32)time(NULL);
		if (ext2fs_write_inode(fs, ino, &inode))
			return 1;
		ext2fs_inode_alloc_stats2(fs, ino, -1, 0);
	}
	return 0;
}

static int
lib_open(const char *img, ext2_filsys *fsp)
{
	if (ext2fs_open(img, EXT2_FLAG_RW, 0, 0, unix_io_manager, fsp))
		return 1;
	return ext2fs_read_bitmaps(*fsp) != 0;
}

/* One timed step: open, run, flush and close. */
static double
lib_step(const char *img, int (*fn)(ext2_filsys, int), int arg)
{
	ext2_filsys fs;
	double t0 = bench_now();

	if (lib_open(img, &fs) || fn(fs, arg) || ext2fs_close_free(&fs))
		return 0;
	return bench_now() - t0;
}

int
bench_libext2fs(const char *img, struct bench_times *t)
{
	t->write = lib_step(img, lib_rw, 1);
	t->read = lib_step(img, lib_rw, 0);
	t->create = lib_step(img, lib_files, 0);
	t->stat = lib_step(img, lib_files, 1);
	t->unlink = lib_step(img, lib_files, 2);
	return 0;
}
