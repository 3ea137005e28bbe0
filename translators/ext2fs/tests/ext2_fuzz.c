/*
 * ext2_fuzz.c -- host test, built with AddressSanitizer and UBSan: mutates
 * metadata bytes (superblock, descriptors, bitmaps, inode tables,
 * directory, index and attribute blocks) of valid mke2fs images and runs
 * the engine over each copy, reading and writing.  Passing means no crash,
 * no sanitizer report and no hang.  EXT2_FUZZ_ITERS sets the iterations,
 * EXT2_FUZZ_SEED varies the mutations.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ext2_int.h"
#include "tutil.h"

#define MAXMETA		4096
#define WALK_DEPTH	6
#define WALK_NODES	400

struct memdev {
	uint8_t		*data;
	size_t		 size;
};

static uint8_t *pristine;
static size_t imgsize;
static uint32_t meta[MAXMETA];
static int nmeta;
static uint32_t bsize;
static uint64_t rng = 88172645463325252ULL;
static int walked;
static long mounted, refused;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static int
mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct memdev *m = ctx;

	if (off > m->size || len > m->size - off)
		return -EIO;
	memcpy(buf, m->data + off, len);
	return 0;
}

static int
mem_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	struct memdev *m = ctx;

	if (off > m->size || len > m->size - off)
		return -EIO;
	memcpy(m->data + off, buf, len);
	return 0;
}

static int
mount_mem(struct memdev *m, struct ext2_bdev *dev, struct ext2_fs **fsp)
{
	struct ext2_mountopts o = { 0, 64 };

	memset(dev, 0, sizeof(*dev));
	dev->ctx = m;
	dev->read = mem_read;
	dev->write = mem_write;
	dev->size = m->size;
	return ext2_mount(dev, &o, fsp, NULL);
}

static void
add_meta(uint32_t blk)
{
	if (nmeta < MAXMETA && blk != 0 && (uint64_t)blk * bsize < imgsize)
		meta[nmeta++] = blk;
}

/* Note the blocks of ino worth corrupting: index, directory, xattr. */
static void
note_inode(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_inode ip;
	uint32_t lblk, blk;
	int i;

	if (ext2_iget(fs, ino, &ip) != 0)
		return;
	add_meta(ip.i_d.i_file_acl);
	if (!ext2_ihasdata(fs, &ip))
		return;
	for (i = EXT2_NDIR_BLOCKS; i < EXT2_N_BLOCKS; i++)
		add_meta(ip.i_d.i_block[i]);
	if (!EXT2_ISDIR(ip.i_d.i_mode) && !EXT2_ISLNK(ip.i_d.i_mode))
		return;
	for (lblk = 0; lblk < ext2_isize(&ip) / fs->bsize && lblk < 64;
	    lblk++)
		if (ext2_bmap(fs, &ip, lblk, 0, &blk) == 0)
			add_meta(blk);
}

struct walk {
	struct ext2_fs	*fs;
	int		 depth;
	uint32_t	 kids[64];
	int		 nkids;
};

static int
walk_entry(void *arg, const char *name, size_t len, uint32_t ino,
    unsigned int ft, uint64_t next)
{
	struct walk *w = arg;

	(void)ft, (void)next;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	if (w->nkids < 64)
		w->kids[w->nkids++] = ino;
	return 0;
}

/* Visit the tree below dir: what a client listing and reading would do. */
static void
walk(struct ext2_fs *fs, uint32_t dir, int depth, int collect)
{
	struct walk w = { fs, depth, { 0 }, 0 };
	struct ext2_stat st;
	uint8_t buf[4096];
	uint64_t cookie = 0;
	size_t len;
	int i;

	if (depth > WALK_DEPTH || walked++ > WALK_NODES)
		return;
	if (collect)
		note_inode(fs, dir);
	ext2_readdir(fs, dir, &cookie, walk_entry, &w);
	for (i = 0; i < w.nkids; i++) {
		if (collect)
			note_inode(fs, w.kids[i]);
		if (ext2_getattr(fs, w.kids[i], &st) != 0)
			continue;
		ext2_xattr_list(fs, w.kids[i], (char *)buf, sizeof(buf), &len);
		ext2_xattr_get(fs, w.kids[i], "user.a", buf, sizeof(buf), &len);
		ext2_readlink(fs, w.kids[i], (char *)buf, sizeof(buf), &len);
		ext2_read(fs, w.kids[i], rnd(8192), buf, sizeof(buf), &len);
		if (EXT2_ISDIR(st.es_mode))
			walk(fs, w.kids[i], depth + 1, collect);
	}
}

/* Changes a client would make; every result is ignored. */
static void
mutate_tree(struct ext2_fs *fs)
{
	struct walk w = { fs, 0, { 0 }, 0 };
	static uint8_t buf[20000];
	uint64_t cookie = 0;
	uint32_t ino, d;
	size_t done;
	int i;

	ext2_readdir(fs, 2, &cookie, walk_entry, &w);
	ext2_create(fs, 2, "fz-new", 0644, 0, 0, &ino);
	ext2_write(fs, ino, rnd(300000), buf, sizeof(buf), &done);
	ext2_mkdir(fs, 2, "fz-dir", 0755, 0, 0, &d);
	ext2_symlink(fs, d, "fz-link", "../some/where/far/away/from/here/"
	    "and/longer/than/sixty/characters/to/be/slow", 0, 0, &ino);
	for (i = 0; i < w.nkids; i++) {
		switch (rnd(8)) {
		case 0: ext2_truncate(fs, w.kids[i], rnd(100000)); break;
		case 1: ext2_xattr_set(fs, w.kids[i], "user.fz", buf, rnd(64),
		    0); break;
		case 2: ext2_xattr_remove(fs, w.kids[i], "user.a"); break;
		case 3: ext2_write(fs, w.kids[i], rnd(70000), buf, 3000,
		    &done); break;
		case 4: ext2_link(fs, d, "fz-hard", w.kids[i]); break;
		case 5: ext2_chmod(fs, w.kids[i], 0600); break;
		default: break;
		}
	}
	ext2_rename(fs, 2, "fz-new", d, "moved");
	ext2_rename(fs, 2, "sub", d, "sub");
	ext2_rename(fs, 2, "many", 2, "renamed");
	for (i = 0; i < 40; i++) {
		char name[32];

		snprintf(name, sizeof(name), "file-number-%d", (int)rnd(300));
		ext2_unlink(fs, 2, name);
		snprintf(name, sizeof(name), "z%d", i);
		ext2_create(fs, 2, name, 0644, 0, 0, &ino);
	}
	ext2_unlink(fs, d, "moved");
	ext2_rmdir(fs, 2, "fz-dir");
	ext2_unlink(fs, 2, "hello.txt");
}

static void
corrupt(uint8_t *img)
{
	int k, n = 1 + (int)rnd(6);
	uint64_t off;

	for (k = 0; k < n; k++) {
		if (rnd(5) == 0)
			off = 1024 + rnd(2048);	/* superblock, descriptors */
		else
			off = (uint64_t)meta[rnd(nmeta)] * bsize + rnd(bsize);
		if (off >= imgsize)
			continue;
		switch (rnd(4)) {
		case 0: img[off] = (uint8_t)rnd(256); break;
		case 1: img[off] ^= (uint8_t)(1u << rnd(8)); break;
		case 2: img[off] = rnd(2) ? 0 : 0xff; break;
		default: img[off] += (uint8_t)(rnd(5) - 2); break;
		}
	}
}

/* Build a base image, note its metadata blocks. */
static int
load_base(const char *dir, const char *opts, const char *tree)
{
	struct memdev m;
	struct ext2_bdev dev;
	struct ext2_fs *fs;
	char img[512];
	uint32_t g, i;
	FILE *f;

	snprintf(img, sizeof(img), "%s/base.img", dir);
	if (tu_sh("mke2fs -q -F -t ext2 %s -N 512 -d %s %s 4M >/dev/null 2>&1"
	    " && e2fsck -fyD %s >/dev/null 2>&1; e2fsck -fn %s >/dev/null 2>&1",
	    opts, tree, img, img, img) != 0)
		return -1;
	free(pristine);
	if ((f = fopen(img, "rb")) == NULL)
		return -1;
	fseek(f, 0, SEEK_END);
	imgsize = (size_t)ftell(f);
	rewind(f);
	pristine = malloc(imgsize);
	if (fread(pristine, 1, imgsize, f) != imgsize)
		return -1;
	fclose(f);
	m.data = pristine;
	m.size = imgsize;
	if (mount_mem(&m, &dev, &fs) != 0)
		return -1;
	bsize = fs->bsize;
	nmeta = 0;
	for (g = 0; g < fs->ngroups; g++) {
		add_meta(fs->groups[g].bg_block_bitmap);
		add_meta(fs->groups[g].bg_inode_bitmap);
		for (i = 0; i < fs->itable_blocks && i < 8; i++)
			add_meta(fs->groups[g].bg_inode_table + i);
	}
	walked = 0;
	walk(fs, 2, 0, 1);
	ext2_unmount(fs);
	return 0;
}

/* The workload on the intact image must leave it clean for e2fsck. */
static int
check_workload(const char *dir, uint8_t *work)
{
	struct memdev m = { work, imgsize };
	struct ext2_bdev dev;
	struct ext2_fs *fs;
	char img[512];
	FILE *f;

	memcpy(work, pristine, imgsize);
	if (mount_mem(&m, &dev, &fs) != 0)
		return -1;
	walked = 0;
	walk(fs, 2, 0, 0);
	mutate_tree(fs);
	if (ext2_unmount(fs) != 0)
		return -1;
	snprintf(img, sizeof(img), "%s/work.img", dir);
	if ((f = fopen(img, "wb")) == NULL)
		return -1;
	fwrite(work, 1, imgsize, f);
	fclose(f);
	return tu_sh("e2fsck -fn %s >%s.out 2>&1 || { cat %s.out; exit 1; }",
	    img, img, img);
}

static void
fuzz_one(uint8_t *work)
{
	struct memdev m = { work, imgsize };
	struct ext2_bdev dev;
	struct ext2_fs *fs;

	memcpy(work, pristine, imgsize);
	corrupt(work);
	if (mount_mem(&m, &dev, &fs) != 0) {
		refused++;
		return;
	}
	mounted++;
	walked = 0;
	walk(fs, 2, 0, 0);
	if (rnd(4) != 0)
		mutate_tree(fs);
	ext2_unmount(fs);
}

/* A host tree for mke2fs -d: files, links, a large directory. */
static int
make_tree(const char *dir, char *tree, size_t size)
{
	snprintf(tree, size, "%s/tree", dir);
	return tu_sh("set -e; t=%s; mkdir -p $t/sub/deep $t/many; "
	    "printf hello > $t/hello.txt; head -c 200000 /dev/urandom > "
	    "$t/sub/big; ln -s hello.txt $t/sub/fast; "
	    "ln -s $(printf '%%0100d' 1) $t/sub/slow; "
	    "for i in $(seq 0 299); do : > $t/many/file-number-$i; done; "
	    "mkfifo $t/sub/fifo", tree);
}

int
main(void)
{
	static const char *const opts[] = { "-b 1024 -I 256",
	    "-b 4096 -I 128", "-b 2048 -O ^filetype,^dir_index" };
	long iters = 6000, i, per;
	char tree[512], *dir, *e;
	uint8_t *work;
	size_t k;

	if ((e = getenv("EXT2_FUZZ_ITERS")) != NULL)
		iters = atol(e);
	if ((e = getenv("EXT2_FUZZ_SEED")) != NULL)
		rng ^= strtoull(e, NULL, 0) * 0x9E3779B97F4A7C15ULL;
	if ((dir = tu_tmpdir()) == NULL || make_tree(dir, tree,
	    sizeof(tree)) != 0)
		return 1;
	per = iters / 3 + 1;
	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		if (load_base(dir, opts[k], tree) != 0) {
			fprintf(stderr, "cannot build base image %s\n",
			    opts[k]);
			return 1;
		}
		work = malloc(imgsize);
		if (check_workload(dir, work) != 0) {
			fprintf(stderr, "workload: %s unclean\n", opts[k]);
			free(work);
			break;
		}
		for (i = 0; i < per; i++)
			fuzz_one(work);
		free(work);
		printf("%s: %ld mutated images (%ld mounted, %ld refused), "
		    "%d metadata blocks, no crash\n", opts[k], per, mounted,
		    refused, nmeta);
		mounted = refused = 0;
	}
	free(pristine);
	tu_rmtree(dir);
	free(dir);
	return k < sizeof(opts) / sizeof(opts[0]);
}
