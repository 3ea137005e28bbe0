/*
 * tmpfs_ops.c -- every fs routine of translators/lib's file-system layer
 * on tmpfs, and the error each misuse gets: names (ENOENT, EEXIST,
 * ENOTDIR, EISDIR, ENOTEMPTY, ENAMETOOLONG), open flags (O_CREAT,
 * O_EXCL, O_TRUNC, O_DIRECTORY), identities (EACCES, EPERM), the size
 * limit (ENOSPC), links, renames (EXDEV, EINVAL), readdir, attributes.
 * Booted with tmpfs --size=64k (tmpfs_ops.boot).
 */
#include "fs_client.h"

static mach_port_t control, root;

static void
test_names(void)
{
	mach_port_t f, d;
	char buf[64], longname[300];

	CHECK(dir_mkdir(root, "a", 0755) == 0);
	CHECK(dir_mkdir(root, "a", 0755) == EEXIST);
	CHECK(dir_mkdir(root, "nope/b", 0755) == EINVAL);
	CHECK(fsc_try(root, "nope", FS_O_READ) == ENOENT);
	CHECK(fsc_try(root, "nope/x", FS_O_READ) == ENOENT);
	CHECK(fsc_open(root, "a/f", FS_O_CREAT | FS_O_READ | FS_O_WRITE,
	    0644, &f) == 0);
	CHECK(fsc_put(f, "hello", -1) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "hello");
	CHECK(fsc_size(f) == 5);
	CHECK(fsc_try(root, "a/f", FS_O_CREAT | FS_O_EXCL) == EEXIST);
	CHECK(fsc_try(root, "a/f/x", FS_O_READ) == ENOTDIR);
	CHECK(fsc_try(root, "a/f", FS_O_DIRECTORY) == ENOTDIR);
	CHECK(dir_mkdir(f, "x", 0755) == ENOTDIR);
	CHECK(fsc_try(root, "a", FS_O_WRITE) == EISDIR);
	CHECK(fsc_try(root, "a", FS_O_DIRECTORY | FS_O_READ) == 0);
	CHECK(dir_unlink(root, "a") == EISDIR);
	CHECK(dir_rmdir(root, "a") == ENOTEMPTY);
	CHECK(dir_rmdir(root, "a/f") == EINVAL);
	CHECK(fsc_open(root, "a", FS_O_READ, 0, &d) == 0);
	CHECK(dir_rmdir(d, "f") == ENOTDIR);
	CHECK(dir_rmdir(d, ".") == EINVAL);
	memset(longname, 'n', sizeof(longname));
	longname[256] = '\0';
	CHECK(fsc_try(root, longname, FS_O_READ) == ENAMETOOLONG);
	CHECK(dir_mkdir(root, longname, 0755) == ENAMETOOLONG);
	longname[255] = '\0';
	CHECK(fsc_try(root, longname, FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_unlink(root, longname) == 0);
	/* O_TRUNC empties it; the open port still reads the new size. */
	CHECK(fsc_try(d, "f", FS_O_WRITE | FS_O_TRUNC) == 0);
	CHECK(fsc_size(f) == 0);
	CHECK(dir_unlink(d, "f") == 0);
	/* Unlinked but open: still readable and writable. */
	CHECK(fsc_put(f, "still", 0) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0 && strcmp(buf, "still") == 0);
	CHECK(fsc_try(d, "f", FS_O_READ) == ENOENT);
	CHECK(dir_rmdir(root, "a") == 0);
	CHECK(fsc_try(d, "g", FS_O_CREAT | FS_O_WRITE) == ENOENT);
	fsc_close(f);
	fsc_close(d);
}

/* A user (uid 1000) and another (uid 2000) against modes. */
static void
test_identity(void)
{
	mach_port_t u1, u2, f, h;
	io_statbuf_t st;

	CHECK(dir_mkdir(root, "home", 0755) == 0);
	CHECK(fsc_open(root, "home", FS_O_READ, 0, &f) == 0);
	CHECK(file_chown(f, 1000, 1000) == 0);
	fsc_close(f);
	u1 = fsc_root(control, 1000, 1000, FS_O_READ);
	u2 = fsc_root(control, 2000, 2000, FS_O_READ);
	CHECK(MACH_PORT_VALID(u1) && MACH_PORT_VALID(u2));
	CHECK(fsc_open(u1, "home/mine", FS_O_CREAT | FS_O_WRITE, 0600,
	    &f) == 0);
	CHECK(io_stat(f, &st) == 0 && st.st_uid == 1000 &&
	    st.st_gid == 1000 && (st.st_mode & 07777) == 0600);
	CHECK(fsc_put(f, "secret", -1) == 0);
	CHECK(fsc_try(u2, "home/mine", FS_O_READ) == EACCES);
	CHECK(fsc_try(u2, "home/new", FS_O_CREAT | FS_O_WRITE) == EACCES);
	CHECK(fsc_open(u2, "home", FS_O_READ, 0, &h) == 0);
	CHECK(dir_mkdir(h, "d", 0755) == EACCES);
	CHECK(dir_unlink(h, "mine") == EACCES);
	fsc_close(h);
	CHECK(fsc_try(root, "home/mine", FS_O_READ | FS_O_WRITE) == 0);
	CHECK(file_chmod(f, 0644) == 0);
	CHECK(fsc_try(u2, "home/mine", FS_O_READ) == 0);
	CHECK(fsc_try(u2, "home/mine", FS_O_WRITE) == EACCES);
	fsc_close(f);
	CHECK(fsc_open(u2, "home/mine", FS_O_READ, 0, &f) == 0);
	CHECK(file_chmod(f, 0777) == EPERM);
	CHECK(file_chown(f, 2000, 2000) == EPERM);
	CHECK(file_set_translator(f, 0, "/x", 3) == EPERM);
	CHECK(file_set_size(f, 0) == EBADF);
	fsc_close(f);
	CHECK(fsc_open(u1, "home/mine", FS_O_READ, 0, &f) == 0);
	CHECK(file_chown(f, 2000, (uint32_t)-1) == EPERM);
	CHECK(file_chown(f, (uint32_t)-1, 1000) == 0);
	fsc_close(f);
	/* Search permission: a directory closed to others. */
	CHECK(fsc_open(u1, "home", FS_O_READ, 0, &f) == 0);
	CHECK(file_chmod(f, 0700) == 0);
	CHECK(fsc_try(u2, "home/mine", FS_O_READ) == EACCES);
	CHECK(file_chmod(f, 0755) == 0);
	fsc_close(f);
	CHECK(fsc_open(u1, "home", FS_O_READ, 0, &f) == 0);
	CHECK(dir_unlink(f, "mine") == 0);
	fsc_close(f);
	fsc_close(u1);
	fsc_close(u2);
}

static void
test_link_rename(void)
{
	mach_port_t f, d1, d2, other;
	io_statbuf_t st;
	char buf[32];

	CHECK(dir_mkdir(root, "d1", 0755) == 0);
	CHECK(dir_mkdir(root, "d2", 0755) == 0);
	CHECK(fsc_open(root, "d1", FS_O_READ, 0, &d1) == 0);
	CHECK(fsc_open(root, "d2", FS_O_READ, 0, &d2) == 0);
	CHECK(fsc_open(d1, "x", FS_O_CREAT | FS_O_WRITE, 0644, &f) == 0);
	CHECK(fsc_put(f, "xx", -1) == 0);
	CHECK(dir_link(d2, f, "y", 1) == 0);
	CHECK(io_stat(f, &st) == 0 && st.st_nlink == 2);
	CHECK(dir_link(d2, f, "y", 1) == EEXIST);
	CHECK(dir_link(d2, f, "y", 0) == 0);
	CHECK(dir_link(d2, d1, "z", 1) == EPERM);
	/* A port of another server (here one of ours): EXDEV. */
	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &other) == 0);
	CHECK(mach_port_insert_right(mach_task_self(), other, other,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(dir_link(d2, other, "w", 1) == EXDEV);
	CHECK(dir_rename(d1, "x", other, "x", 0) == EXDEV);
	CHECK(dir_rename(d1, "nope", d2, "q", 0) == ENOENT);
	CHECK(dir_rename(d1, "x", d2, "y", 1) == EEXIST);
	CHECK(dir_rename(d1, "x", d2, "moved", 0) == 0);
	CHECK(fsc_try(d1, "x", FS_O_READ) == ENOENT);
	fsc_close(f);
	CHECK(fsc_open(d2, "moved", FS_O_READ, 0, &f) == 0 &&
	    fsc_get(f, buf, sizeof(buf), 0) == 0 && strcmp(buf, "xx") == 0);
	fsc_close(f);
	/* Replacing: a file over a file, kinds that differ, a full dir. */
	CHECK(fsc_try(d1, "r", FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_rename(d2, "moved", d1, "r", 0) == 0);
	CHECK(dir_mkdir(d1, "sub", 0755) == 0);
	CHECK(dir_rename(d1, "r", d1, "sub", 0) == EISDIR);
	CHECK(dir_rename(d1, "sub", d1, "r", 0) == ENOTDIR);
	CHECK(dir_rename(root, "d1", d1, "sub/in", 0) == EINVAL);
	CHECK(dir_rename(root, "d1", d1, "in", 0) == EINVAL);
	CHECK(fsc_try(d1, "sub/full", FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_rename(root, "d2", d1, "sub", 0) == ENOTEMPTY);
	CHECK(dir_rename(d1, "sub", root, "top", 0) == 0);
	CHECK(fsc_try(root, "top/full", FS_O_READ) == 0);
	CHECK(fsc_try(d1, "sub", FS_O_READ) == ENOENT);
	CHECK(dir_rmdir(root, "top") == ENOTEMPTY);
	CHECK(fsc_open(root, "top", FS_O_READ, 0, &f) == 0);
	CHECK(dir_unlink(f, "full") == 0);
	fsc_close(f);
	CHECK(fsc_try(root, "top/..", FS_O_READ) == 0);
	CHECK(dir_rename(d1, ".", d2, "q", 0) == EINVAL);
	CHECK(dir_rmdir(root, "top") == 0);
	fsc_close(d1);
	fsc_close(d2);
	mach_port_mod_refs(mach_task_self(), other, MACH_PORT_RIGHT_RECEIVE,
	    -1);
}

/* Count the entries of dir read in batches of n; *seen the names. */
static int
count_entries(mach_port_t dir, int n, int *found_x)
{
	char inl[4096];
	int entry = 0, total = 0;

	*found_x = 0;
	for (;;) {
		data_t data = inl;
		mach_msg_type_number_t cnt = sizeof(inl);
		int32_t amount = 0;
		size_t off = 0;

		if (dir_readdir(dir, &data, &cnt, entry, n, 0, &amount) != 0)
			return -1;
		if (amount == 0)
			break;
		while (off < cnt) {
			struct fs_dirent *d = (struct fs_dirent *)(data + off);

			if (strcmp(d->d_name, "x17") == 0 && d->d_type == 8)
				(*found_x)++;
			off += d->d_reclen;
		}
		if (data != inl)
			vm_deallocate(mach_task_self(), (vm_address_t)data,
			    cnt);
		entry += amount;
		total += amount;
	}
	return total;
}

/* dir_mkfile, then dir_link: a file, and a symlink the Hurd's way. */
static void
test_mkfile(void)
{
	static const char rec[] = "/hurd/symlink\0named";
	mach_port_t f, u2;
	char buf[16];

	CHECK(dir_mkfile(root, FS_O_READ | FS_O_WRITE, 0644, &f) == 0);
	CHECK(fsc_put(f, "anon", 0) == 0);
	CHECK(dir_link(root, f, "named", 1) == 0);
	fsc_close(f);
	CHECK(fsc_open(root, "named", FS_O_READ, 0, &f) == 0 &&
	    fsc_get(f, buf, sizeof(buf), 0) == 0 && strcmp(buf, "anon") == 0);
	fsc_close(f);
	CHECK(dir_mkfile(root, FS_O_WRITE, 0777, &f) == 0);
	CHECK(file_set_translator(f, 0, (char *)rec, sizeof(rec)) == 0);
	CHECK(dir_link(root, f, "link", 1) == 0);
	fsc_close(f);
	CHECK(fsc_open(root, "link", FS_O_READ, 0, &f) == 0 &&
	    fsc_get(f, buf, sizeof(buf), 0) == 0 && strcmp(buf, "anon") == 0);
	fsc_close(f);
	CHECK(dir_mkfile(root, 0x40000000, 0644, &f) == EINVAL);
	CHECK(fsc_open(root, "named", FS_O_READ, 0, &f) == 0);
	CHECK(dir_mkfile(f, FS_O_WRITE, 0644, &(mach_port_t){0}) == ENOTDIR);
	fsc_close(f);
	u2 = fsc_root(control, 2000, 2000, FS_O_READ);
	CHECK(fsc_open(u2, "d1", FS_O_READ, 0, &f) == 0);
	CHECK(dir_mkfile(f, FS_O_WRITE, 0644, &(mach_port_t){0}) == EACCES);
	fsc_close(f);
	fsc_close(u2);
	CHECK(dir_unlink(root, "named") == 0 && dir_unlink(root, "link") == 0);
	/* A nameless file dropped unlinked is freed with its last port. */
	CHECK(dir_mkfile(root, FS_O_WRITE, 0644, &f) == 0);
	fsc_close(f);
}

static void
test_readdir(void)
{
	mach_port_t d, f;
	char name[16];
	int i, x;

	CHECK(dir_mkdir(root, "many", 0755) == 0);
	CHECK(fsc_open(root, "many", FS_O_READ, 0, &d) == 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		CHECK(fsc_try(d, name, FS_O_CREAT | FS_O_WRITE) == 0);
	}
	CHECK(count_entries(d, -1, &x) == 42 && x == 1);
	CHECK(count_entries(d, 5, &x) == 42 && x == 1);
	CHECK(count_entries(d, 1, &x) == 42 && x == 1);
	CHECK(fsc_open(d, "x1", FS_O_READ, 0, &f) == 0);
	{
		char inl[64];
		data_t data = inl;
		mach_msg_type_number_t cnt = sizeof(inl);
		int32_t amount;

		CHECK(dir_readdir(f, &data, &cnt, 0, -1, 0, &amount) ==
		    ENOTDIR);
		CHECK(dir_readdir(d, &data, &cnt, -1, -1, 0, &amount) ==
		    EINVAL);
	}
	fsc_close(f);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		CHECK(dir_unlink(d, name) == 0);
	}
	fsc_close(d);
	CHECK(dir_rmdir(root, "many") == 0);
}

static void
test_attrs(void)
{
	timespec_t a = { 1000, 5 }, m = { 2000, 7 };
	timespec_t now = { 0, FS_UTIME_NOW }, omit = { 0, FS_UTIME_OMIT };
	fsys_statfsbuf_t sf;
	io_statbuf_t st;
	mach_port_t f;
	int64_t pos;

	CHECK(fsc_open(root, "t", FS_O_CREAT | FS_O_WRITE | FS_O_READ, 0640,
	    &f) == 0);
	CHECK(file_utimes(f, a, m) == 0);
	CHECK(io_stat(f, &st) == 0 && st.st_atime_sec == 1000 &&
	    st.st_mtime_sec == 2000 && st.st_mtime_nsec == 7);
	CHECK(file_utimes(f, omit, now) == 0);
	CHECK(io_stat(f, &st) == 0 && st.st_atime_sec == 1000 &&
	    st.st_mtime_sec != 2000);
	a.tv_nsec = 1000000000;
	CHECK(file_utimes(f, a, m) == EINVAL);
	CHECK(file_set_size(f, 100) == 0 && fsc_size(f) == 100);
	CHECK(file_set_size(f, -1) == EINVAL);
	CHECK(io_seek(f, 0, 2, &pos) == 0 && pos == 100);
	CHECK(io_seek(f, -1, 0, &pos) == EINVAL);
	CHECK(file_set_size(f, 3) == 0 && fsc_size(f) == 3);
	CHECK(file_statfs(f, &sf) == 0 && sf.f_type == 0x01021994 &&
	    sf.f_namelen == 255);
	CHECK(file_sync(f, 1, 0) == 0 && file_syncfs(f, 1, 0) == 0);
	CHECK(fsys_syncfs(control, 1, 0) == 0);
	CHECK(file_get_translator_cntl(f, &(mach_port_t){0}) == ENXIO);
	{
		char inl[64];
		data_t data = inl;
		mach_msg_type_number_t cnt = sizeof(inl);

		CHECK(file_get_translator(f, &data, &cnt) == EINVAL);
		CHECK(fsys_get_options(control, &data, &cnt) == 0 &&
		    strcmp(data, "--size=65536") == 0);
	}
	fsc_close(f);
	CHECK(dir_unlink(root, "t") == 0);
}

/* The size limit: writes stop with ENOSPC, and removal frees it. */
static void
test_nospc(void)
{
	static char block[2048];
	mach_port_t f;
	uint64_t amount;
	kern_return_t kr = 0;
	int i;

	memset(block, 'b', sizeof(block));
	CHECK(fsc_open(root, "big", FS_O_CREAT | FS_O_WRITE, 0644, &f) == 0);
	for (i = 0; i < 64 && kr == 0; i++)
		kr = io_write(f, block, sizeof(block), -1, &amount);
	CHECK(kr == ENOSPC && i > 16);
	CHECK(file_set_size(f, 1 << 20) == ENOSPC);
	CHECK(dir_mkdir(root, "full", 0755) == 0 ||
	    dir_mkdir(root, "full", 0755) == ENOSPC);
	fsc_close(f);
	dir_rmdir(root, "full");
	CHECK(dir_unlink(root, "big") == 0);
	CHECK(fsc_open(root, "big", FS_O_CREAT | FS_O_WRITE, 0644, &f) == 0);
	CHECK(io_write(f, block, sizeof(block), -1, &amount) == 0);
	fsc_close(f);
	CHECK(dir_unlink(root, "big") == 0);
}

int
main(void)
{
	int before;

	control = client_control();
	CHECK(MACH_PORT_VALID(control));
	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	before = client_objects(control);
	test_names();
	test_identity();
	test_link_rename();
	test_mkfile();
	test_readdir();
	test_attrs();
	test_nospc();
	CHECK(fsys_goaway(control, 0) == EBUSY);
	CHECK(client_objects_settle(control, before) == before);
	return check_done();
}
