/*
 * null_io.c -- every io routine (and the fs and fsys ones a single node
 * answers) on the null translator, first as /dev/null, then switched to
 * /dev/zero by fsys_set_options: inline and out-of-line sizes, offsets
 * and the file pointer, stat, open modes, duplicate, readiness, and the
 * error each misuse gets.  Booted with translators/null (null_io.boot).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "client.h"

#define MIB	(1024 * 1024)

/* Read amount at offset: the error; *n bytes, all equal to fill. */
static kern_return_t
read_check(mach_port_t io, int64_t offset, uint64_t amount, size_t *n,
    int fill)
{
	static char buf[4096];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);
	kern_return_t kr;
	size_t i;

	memset(buf, 0x5a, sizeof(buf));
	kr = io_read(io, &data, &cnt, offset, amount);
	*n = cnt;
	for (i = 0; kr == 0 && i < cnt; i++)
		if (data[i] != fill) {
			*n = (size_t)-1;
			break;
		}
	if (kr == 0 && data != buf)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	return kr;
}

static uint64_t
write_n(mach_port_t io, int64_t offset, size_t len, kern_return_t *kr)
{
	static char small[100];
	vm_address_t big = 0;
	uint64_t amount = 0;

	if (len <= sizeof(small)) {
		*kr = io_write(io, small, len, offset, &amount);
		return amount;
	}
	vm_allocate(mach_task_self(), &big, len, TRUE);
	*kr = io_write(io, (char *)big, len, offset, &amount);
	vm_deallocate(mach_task_self(), big, len);
	return amount;
}

static void
test_opens(mach_port_t control)
{
	mach_port_t io;

	CHECK(client_open(control, FS_O_DIRECTORY | FS_O_READ, &io) ==
	    ENOTDIR);
	CHECK(client_open(control, FS_O_CREAT | FS_O_EXCL, &io) == EEXIST);
	CHECK(client_open(control, 0x40000000, &io) == EINVAL);
	CHECK(client_open(control, FS_O_READ, &io) == 0);
	{
		retry_type retry;
		string_t rest;
		mach_port_t again;

		CHECK(dir_lookup(io, "", FS_O_READ | FS_O_WRITE, 0, &retry,
		    rest, &again) == EACCES);
	}
	CHECK(write_n(io, 0, 5, &(kern_return_t){0}) == 0);
	{
		kern_return_t kr;
		write_n(io, 0, 5, &kr);
		CHECK(kr == EBADF);
	}
	mach_port_deallocate(mach_task_self(), io);
	CHECK(client_open(control, FS_O_WRITE, &io) == 0);
	{
		size_t n;
		CHECK(read_check(io, 0, 10, &n, 0) == EBADF);
		CHECK(io_readable(io, &(uint64_t){0}) == EBADF);
	}
	mach_port_deallocate(mach_task_self(), io);
}

static void
test_null_rw(mach_port_t io)
{
	kern_return_t kr;
	size_t n;

	CHECK(read_check(io, 0, 0, &n, 0) == 0 && n == 0);
	CHECK(read_check(io, 0, 100, &n, 0) == 0 && n == 0);
	CHECK(read_check(io, -1, MIB, &n, 0) == 0 && n == 0);
	CHECK(read_check(io, -2, 10, &n, 0) == EINVAL);
	CHECK(write_n(io, 0, 10, &kr) == 10 && kr == 0);
	CHECK(write_n(io, 0, 0, &kr) == 0 && kr == 0);
	CHECK(write_n(io, 12345, 64 * 1024, &kr) == 64 * 1024 && kr == 0);
	CHECK(write_n(io, 0, MIB, &kr) == MIB && kr == 0);
	CHECK(write_n(io, -7, 10, &kr) == 0 && kr == EINVAL);
	{
		uint64_t amount = 1;
		CHECK(io_readable(io, &amount) == 0 && amount == 0);
	}
}

static void
test_seek(mach_port_t io)
{
	int64_t pos = -1;
	kern_return_t kr;

	CHECK(io_seek(io, 100, 0, &pos) == 0 && pos == 100);
	CHECK(io_seek(io, 5, 1, &pos) == 0 && pos == 105);
	CHECK(io_seek(io, -5, 1, &pos) == 0 && pos == 100);
	CHECK(io_seek(io, 0, 2, &pos) == 0 && pos == 0);
	CHECK(io_seek(io, -1, 0, &pos) == EINVAL);
	CHECK(io_seek(io, 1, 3, &pos) == EINVAL);
	CHECK(io_seek(io, INT64_MAX, 0, &pos) == 0 && pos == INT64_MAX);
	CHECK(io_seek(io, 1, 1, &pos) == EINVAL);
	/* A write at the file pointer advances it; one at an offset not. */
	CHECK(io_seek(io, 0, 0, &pos) == 0);
	CHECK(write_n(io, -1, 10, &kr) == 10 && kr == 0);
	CHECK(write_n(io, 500, 10, &kr) == 10 && kr == 0);
	CHECK(io_seek(io, 0, 1, &pos) == 0 && pos == 10);
}

static void
test_stat(mach_port_t io, int64_t rdev)
{
	io_statbuf_t st;

	memset(&st, 0xff, sizeof(st));
	CHECK(io_stat(io, &st) == 0);
	CHECK(st.st_mode == (S_IFCHR | 0666));
	CHECK(st.st_rdev == rdev);
	CHECK(st.st_size == 0 && st.st_nlink == 1 && st.st_ino == 1);
	CHECK(st.st_blksize == 4096);
	CHECK(st.st_mtime_sec > 1000000000);
}

static void
test_modes(mach_port_t io)
{
	int32_t bits = 0;

	CHECK(io_get_openmodes(io, &bits) == 0 &&
	    bits == (FS_O_READ | FS_O_WRITE));
	CHECK(io_set_some_openmodes(io, FS_O_APPEND | FS_O_NONBLOCK) == 0);
	CHECK(io_get_openmodes(io, &bits) == 0 && bits == (FS_O_READ |
	    FS_O_WRITE | FS_O_APPEND | FS_O_NONBLOCK));
	CHECK(io_clear_some_openmodes(io, FS_O_NONBLOCK | FS_O_READ) == 0);
	CHECK(io_get_openmodes(io, &bits) == 0 &&
	    bits == (FS_O_READ | FS_O_WRITE | FS_O_APPEND));
	CHECK(io_set_all_openmodes(io, FS_O_FSYNC) == 0);
	CHECK(io_get_openmodes(io, &bits) == 0 &&
	    bits == (FS_O_READ | FS_O_WRITE | FS_O_FSYNC));
	CHECK(io_set_all_openmodes(io, 0) == 0);
	CHECK(io_get_openmodes(io, &bits) == 0 &&
	    bits == (FS_O_READ | FS_O_WRITE));
}

/* A duplicate shares the file pointer and the modes. */
static void
test_duplicate(mach_port_t io)
{
	mach_port_t dup = MACH_PORT_NULL;
	int64_t pos;
	int32_t bits;

	CHECK(io_duplicate(io, &dup) == 0 && MACH_PORT_VALID(dup) &&
	    dup != io);
	CHECK(io_seek(dup, 42, 0, &pos) == 0);
	CHECK(io_seek(io, 0, 1, &pos) == 0 && pos == 42);
	CHECK(io_set_some_openmodes(dup, FS_O_APPEND) == 0);
	CHECK(io_get_openmodes(io, &bits) == 0 && (bits & FS_O_APPEND));
	CHECK(io_clear_some_openmodes(io, FS_O_APPEND) == 0);
	mach_port_deallocate(mach_task_self(), dup);
	CHECK(io_seek(io, 0, 1, &pos) == 0 && pos == 42);
}

static void
test_select_reauth(mach_port_t io)
{
	int32_t types = IO_SELECT_READ | IO_SELECT_WRITE;
	mach_port_t rv;

	CHECK(io_select(io, &types) == 0 &&
	    types == (IO_SELECT_READ | IO_SELECT_WRITE));
	types = IO_SELECT_URG;
	CHECK(io_select(io, &types) == 0 && types == IO_SELECT_URG);
	types = 0x100;
	CHECK(io_select(io, &types) == EINVAL);
	/* No auth server yet: the rendezvous right is dropped, no answer. */
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &rv);
	CHECK(io_reauthenticate(io, rv, MACH_MSG_TYPE_MAKE_SEND) == 0);
	mach_port_mod_refs(mach_task_self(), rv, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* The fs routines a single node answers, and ports of the wrong kind. */
static void
test_fs(mach_port_t control, mach_port_t io)
{
	mach_port_t again = MACH_PORT_NULL;
	fsys_statfsbuf_t sfs;
	retry_type retry = 0;
	string_t rest;
	int64_t pos;
	int32_t bits;

	CHECK(dir_lookup(io, "", FS_O_READ, 0, &retry, rest, &again) == 0);
	CHECK(retry == FS_RETRY_NORMAL && rest[0] == '\0');
	CHECK(io_get_openmodes(again, &bits) == 0 && bits == FS_O_READ);
	mach_port_deallocate(mach_task_self(), again);
	CHECK(dir_lookup(io, "a/b", FS_O_READ, 0, &retry, rest, &again) ==
	    ENOTDIR);
	CHECK(dir_mkdir(io, "d", 0755) == ENOTDIR);
	CHECK(dir_unlink(io, "d") == ENOTDIR);
	CHECK(file_chmod(io, 0600) == EOPNOTSUPP);
	CHECK(file_set_size(io, 0) == 0 && file_set_size(io, -1) == EINVAL);
	CHECK(file_statfs(io, &sfs) == 0 && sfs.f_bsize == 4096);
	CHECK(file_sync(io, 1, 0) == 0);
	CHECK(io_seek(control, 0, 0, &pos) == EOPNOTSUPP);
	CHECK(io_stat(control, &(io_statbuf_t){0}) == EOPNOTSUPP);
	CHECK(fsys_syncfs(io, 1, 0) == EOPNOTSUPP);
	CHECK(fsys_syncfs(control, 1, 0) == 0);
	CHECK(fsys_goaway(control, 0) == EBUSY);
	CHECK(fsys_goaway(control, 0x100) == EINVAL);
}

static void
test_options(mach_port_t control, const char *want)
{
	char buf[64];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);

	CHECK(fsys_get_options(control, &data, &cnt) == 0);
	CHECK(cnt == strlen(want) + 1 && memcmp(data, want, cnt) == 0);
}

static void
test_zero(mach_port_t control, mach_port_t io)
{
	uint64_t amount = 0;
	kern_return_t kr;
	size_t n;

	CHECK(fsys_set_options(control, "--bogus", 8, 0) == EINVAL);
	CHECK(fsys_set_options(control, "--zero", 7, 0) == 0);
	test_options(control, "--zero");
	CHECK(read_check(io, 0, 0, &n, 0) == 0 && n == 0);
	CHECK(read_check(io, 0, 100, &n, 0) == 0 && n == 100);
	CHECK(read_check(io, 7, 2048, &n, 0) == 0 && n == 2048);
	CHECK(read_check(io, 0, 2049, &n, 0) == 0 && n == 2049);
	CHECK(read_check(io, 0, 64 * 1024, &n, 0) == 0 && n == 64 * 1024);
	CHECK(read_check(io, -1, MIB, &n, 0) == 0 && n == MIB);
	CHECK(read_check(io, 0, 5 * MIB, &n, 0) == 0 && n == MIB);
	CHECK(write_n(io, 0, 64 * 1024, &kr) == 64 * 1024 && kr == 0);
	CHECK(io_readable(io, &amount) == 0 && amount == MIB);
	test_stat(io, 0x105);
}

int
main(void)
{
	mach_port_t control = client_control(), io = MACH_PORT_NULL;

	CHECK(MACH_PORT_VALID(control));
	test_options(control, "--null");
	test_opens(control);
	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &io) == 0);
	test_null_rw(io);
	test_seek(io);
	test_stat(io, 0x103);
	test_modes(io);
	test_duplicate(io);
	test_select_reauth(io);
	test_fs(control, io);
	test_zero(control, io);
	CHECK(fsys_set_options(control, "--null", 7, 0) == 0);
	return check_done();
}
