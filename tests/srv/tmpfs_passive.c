/*
 * tmpfs_passive.c -- a passive translator on a tmpfs node, started on
 * first lookup by translators/lib's file-system layer: the null
 * translator's ELF (built into this test) is written to /bin/null, the
 * record "/bin/null --zero" set on /dev/zero; a lookup then answers
 * with the started null's root (which reads zeros), later lookups reuse
 * it, a dead one is started again, and bad programs (garbage, cut
 * short, missing, not executable) are refused while tmpfs keeps serving.
 */
#include "fs_client.h"

__asm__(".section .rodata\n.balign 16\nnull_elf:\n"
    ".incbin \"translators/null/null.elf\"\nnull_elf_end:\n.previous");
extern const char null_elf[] __asm__("null_elf");
extern const char null_elf_end[] __asm__("null_elf_end");

static mach_port_t control, root;

/* Write len bytes of data as a new file name with mode. */
static kern_return_t
put_file(const char *name, const char *data, size_t len, uint32_t mode)
{
	mach_port_t f;
	uint64_t amount;
	size_t done = 0, n;
	kern_return_t kr;

	kr = fsc_open(root, name, FS_O_CREAT | FS_O_EXCL | FS_O_WRITE, mode,
	    &f);
	while (kr == 0 && done < len) {
		n = len - done > 65536 ? 65536 : len - done;
		kr = io_write(f, (char *)data + done, n, -1, &amount);
		done += amount;
	}
	fsc_close(f);
	return kr;
}

/* Set the passive record of name (argz of len bytes). */
static kern_return_t
set_passive(const char *name, const char *argz, size_t len)
{
	mach_port_t f;
	kern_return_t kr;

	kr = fsc_open(root, name, FS_O_CREAT | FS_O_WRITE | FS_O_NOTRANS,
	    0644, &f);
	if (kr == 0)
		kr = file_set_translator(f, 0, (char *)argz, len);
	fsc_close(f);
	return kr;
}

/* Look name up through its translator: the translator's port. */
static kern_return_t
open_through(const char *name, mach_port_t *p)
{
	retry_type retry;
	string_t rest;
	kern_return_t kr;

	kr = dir_lookup(root, (char *)name, FS_O_READ, 0, &retry, rest, p);
	if (kr == 0 && (retry != FS_RETRY_NORMAL || rest[0] != '\0'))
		kr = FSC_RETRY;
	return kr;
}

/* 100 bytes from p are zeros, and it says it is /dev/zero. */
static int
reads_zeros(mach_port_t p)
{
	char buf[101];
	io_statbuf_t st;
	int i;

	memset(buf, 1, sizeof(buf));
	if (fsc_get(p, buf, sizeof(buf), 0) != 0 || strlen(buf) != 0)
		return 0;
	for (i = 0; i < 100; i++)
		if (buf[i] != 0)
			return 0;
	return io_stat(p, &st) == 0 && st.st_rdev == 0x105;
}

/* The control port of name's active translator, or NULL. */
static mach_port_t
cntl_of(const char *name)
{
	mach_port_t f, c = MACH_PORT_NULL;

	if (fsc_open(root, name, FS_O_READ | FS_O_NOTRANS, 0, &f) != 0)
		return MACH_PORT_NULL;
	if (file_get_translator_cntl(f, &c) != 0)
		c = MACH_PORT_NULL;
	fsc_close(f);
	return c;
}

static void
test_start(void)
{
	static const char rec[] = "/bin/null\0--zero";
	mach_port_t z, z2, c, c2;

	CHECK(dir_mkdir(root, "bin", 0755) == 0);
	CHECK(dir_mkdir(root, "dev", 0755) == 0);
	CHECK(put_file("bin/null", null_elf, null_elf_end - null_elf,
	    0755) == 0);
	CHECK(set_passive("dev/zero", rec, sizeof(rec)) == 0);
	{
		char inl[64];
		data_t data = inl;
		mach_msg_type_number_t cnt = sizeof(inl);
		mach_port_t f;

		CHECK(fsc_open(root, "dev/zero", FS_O_READ | FS_O_NOTRANS, 0,
		    &f) == 0);
		CHECK(file_get_translator(f, &data, &cnt) == 0 &&
		    cnt == sizeof(rec) && memcmp(data, rec, cnt) == 0);
		CHECK(fsc_size(f) == 0);
		fsc_close(f);
	}
	CHECK(cntl_of("dev/zero") == MACH_PORT_NULL);
	CHECK(open_through("dev/zero", &z) == 0);
	CHECK(reads_zeros(z));
	c = cntl_of("dev/zero");
	CHECK(MACH_PORT_VALID(c));
	CHECK(open_through("dev/zero", &z2) == 0 && reads_zeros(z2));
	c2 = cntl_of("dev/zero");
	CHECK(c2 == c);
	fsc_close(c2);
	/* Another server's port as a rename target: EXDEV. */
	CHECK(fsc_try(root, "x", FS_O_CREAT | FS_O_WRITE) == 0);
	CHECK(dir_rename(root, "x", z, "y", 0) == EXDEV);
	CHECK(dir_link(root, z, "y", 0) == EXDEV);
	fsc_close(z);
	fsc_close(z2);
	/* It dies: the next lookup starts it again. */
	CHECK(fsys_goaway(c, FSYS_GOAWAY_FORCE) == 0 ||
	    fsys_goaway(c, FSYS_GOAWAY_FORCE) == MACH_SEND_INVALID_DEST);
	fsc_close(c);
	CHECK(open_through("dev/zero", &z) == 0 && reads_zeros(z));
	fsc_close(z);
}

static void
test_refused(void)
{
	static char junk[8192];
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	CHECK(put_file("bin/junk", junk, sizeof(junk), 0755) == 0);
	CHECK(put_file("bin/short", null_elf, 200, 0755) == 0);
	CHECK(put_file("bin/noexec", null_elf, null_elf_end - null_elf,
	    0644) == 0);
	CHECK(set_passive("dev/junk", "/bin/junk", 10) == 0);
	CHECK(set_passive("dev/short", "/bin/short", 11) == 0);
	CHECK(set_passive("dev/noexec", "/bin/noexec", 12) == 0);
	CHECK(set_passive("dev/none", "/bin/none", 10) == 0);
	CHECK(set_passive("dev/unterminated", "/bin/null", 9) == EINVAL);
	CHECK(fsc_try(root, "dev/junk", FS_O_READ) == ENOEXEC);
	CHECK(fsc_try(root, "dev/short", FS_O_READ) == ENOEXEC);
	CHECK(fsc_try(root, "dev/noexec", FS_O_READ) == EACCES);
	CHECK(fsc_try(root, "dev/none", FS_O_READ) == ENOENT);
	CHECK(fsc_try(root, "dev/none", FS_O_READ | FS_O_NOTRANS) == 0);
	CHECK(fsc_try(root, "bin/null", FS_O_READ) == 0);
	/* An empty record removes it. */
	CHECK(set_passive("dev/none", "", 0) == 0);
	CHECK(fsc_try(root, "dev/none", FS_O_READ) == 0);
}

int
main(void)
{
	control = client_control();
	CHECK(MACH_PORT_VALID(control));
	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	test_start();
	test_refused();
	return check_done();
}
