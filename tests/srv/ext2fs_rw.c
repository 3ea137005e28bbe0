/*
 * ext2fs_rw.c -- the ext2fs translator on a virtio disk made by mke2fs
 * -d from a staging tree (ext2fs_rw.boot): a file of the tree is read,
 * files and directories are created, written, renamed and removed
 * through the fs protocol, a passive translator record is stored, the
 * null translator staged in the image is started from a record on a
 * lookup, and fsys_goaway unmounts.  After QEMU exits,
 * ext2fs-check.sh runs e2fsck -fn and debugfs on the image: clean, and
 * holding what we wrote.
 */
#include "fs_client.h"

#define BIG	(100 * 1024)

static mach_port_t control, root;

static void
test_read(void)
{
	char buf[64];
	mach_port_t f;

	CHECK(fsc_open(root, "docs/readme.txt", FS_O_READ, 0, &f) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "hello from the staging tree\n");
	CHECK(fsc_put(f, "x", 0) == EBADF);
	fsc_close(f);
	CHECK(fsc_try(root, "docs/missing", FS_O_READ) == ENOENT);
	/* The staging tree's symlinks, relative and absolute. */
	CHECK(fsc_open(root, "link", FS_O_READ, 0, &f) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "hello from the staging tree\n");
	fsc_close(f);
	{
		retry_type retry;
		string_t rest;

		CHECK(dir_lookup(root, "abs/x", FS_O_READ, 0, &retry, rest,
		    &f) == 0 && retry == FS_RETRY_MAGICAL);
		CHECK_STR(rest, "/abs/path/x");
	}
	CHECK(fsc_try(root, "docs/readme.txt/x", FS_O_READ) == ENOTDIR);
}

static void
test_write(void)
{
	static char big[BIG], back[BIG];
	mach_port_t f, d;
	uint64_t amount;
	data_t data;
	mach_msg_type_number_t cnt;
	int i;

	CHECK(dir_mkdir(root, "newdir", 0755) == 0);
	CHECK(dir_mkdir(root, "newdir", 0755) == EEXIST);
	CHECK(fsc_open(root, "newdir/new.txt", FS_O_CREAT | FS_O_WRITE,
	    0644, &f) == 0);
	CHECK(fsc_put(f, "written by whorl\n", -1) == 0);
	fsc_close(f);
	CHECK(fsc_open(root, "newdir", FS_O_READ, 0, &d) == 0);
	CHECK(fsc_try(d, "tmp.txt", FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_rename(d, "tmp.txt", root, "renamed.txt", 0) == 0);
	CHECK(fsc_try(root, "gone.txt", FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_unlink(root, "gone.txt") == 0);
	CHECK(dir_mkdir(root, "emptydir", 0700) == 0);
	CHECK(dir_rmdir(root, "newdir") == ENOTEMPTY);
	CHECK(dir_rmdir(root, "emptydir") == 0);
	fsc_close(d);
	for (i = 0; i < BIG; i++)
		big[i] = (char)(i * 13 + i / 1024);
	CHECK(fsc_open(root, "big.bin", FS_O_CREAT | FS_O_WRITE | FS_O_READ,
	    0600, &f) == 0);
	CHECK(io_write(f, big, BIG, 0, &amount) == 0 && amount == BIG);
	data = back;
	cnt = sizeof(back);
	CHECK(io_read(f, &data, &cnt, 0, BIG) == 0 && cnt == BIG &&
	    memcmp(data, big, BIG) == 0);
	if (data != back)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	fsc_close(f);
}

static void
test_translator_record(void)
{
	static const char rec[] = "/hurd/null\0--zero";
	char inl[64];
	data_t data = inl;
	mach_msg_type_number_t cnt = sizeof(inl);
	mach_port_t f;

	CHECK(fsc_open(root, "trans", FS_O_CREAT | FS_O_WRITE | FS_O_NOTRANS,
	    0644, &f) == 0);
	CHECK(file_get_translator(f, &data, &cnt) == EINVAL);
	CHECK(file_set_translator(f, 0, (char *)rec, sizeof(rec)) == 0);
	cnt = sizeof(inl);
	CHECK(file_get_translator(f, &data, &cnt) == 0 &&
	    cnt == sizeof(rec) && memcmp(data, rec, cnt) == 0);
	fsc_close(f);
}

/* null, staged in the image as /bin/null, started from ext2fs. */
static void
test_passive_start(void)
{
	static const char rec[] = "/bin/null\0--zero";
	char buf[65];
	retry_type retry;
	string_t rest;
	mach_port_t f, z;
	io_statbuf_t st;

	CHECK(dir_mkdir(root, "dev", 0755) == 0);
	CHECK(fsc_open(root, "dev/zero", FS_O_CREAT | FS_O_WRITE |
	    FS_O_NOTRANS, 0644, &f) == 0);
	CHECK(file_set_translator(f, 0, (char *)rec, sizeof(rec)) == 0);
	fsc_close(f);
	CHECK(dir_lookup(root, "dev/zero", FS_O_READ, 0, &retry, rest, &z) ==
	    0 && retry == FS_RETRY_NORMAL && rest[0] == '\0');
	memset(buf, 1, sizeof(buf));
	CHECK(fsc_get(z, buf, sizeof(buf), 0) == 0 && buf[0] == 0 &&
	    buf[63] == 0);
	CHECK(io_stat(z, &st) == 0 && st.st_rdev == 0x105);
	fsc_close(z);
	CHECK(fsc_open(root, "dev/zero", FS_O_READ | FS_O_NOTRANS, 0, &f) ==
	    0);
	CHECK(file_get_translator_cntl(f, &z) == 0);
	CHECK(fsys_goaway(z, FSYS_GOAWAY_FORCE) == 0);
	fsc_close(z);
	fsc_close(f);
}

int
main(void)
{
	fsys_statfsbuf_t sf;

	control = client_control();
	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	CHECK(file_statfs(root, &sf) == 0 && sf.f_type == 0xef53);
	test_read();
	test_write();
	test_translator_record();
	test_passive_start();
	CHECK(fsys_syncfs(control, 1, 0) == 0);
	fsc_close(root);
	CHECK(fsys_goaway(control, FSYS_GOAWAY_FORCE) == 0);
	return check_done();
}
