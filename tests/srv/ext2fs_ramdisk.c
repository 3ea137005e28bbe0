/*
 * ext2fs_ramdisk.c -- the ext2fs translator on a ramdisk (a boot module
 * made rd0 by $(ramdisk-create), opened on the kernel's device master):
 * a file of the image is read, a new one written and read back in
 * memory (ext2fs_ramdisk.boot).
 */
#include "fs_client.h"

int
main(void)
{
	mach_port_t control = client_control(), root, f;
	char buf[64];

	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	CHECK(fsc_open(root, "docs/readme.txt", FS_O_READ, 0, &f) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "hello from the staging tree\n");
	fsc_close(f);
	CHECK(fsc_open(root, "docs/new", FS_O_CREAT | FS_O_READ | FS_O_WRITE,
	    0644, &f) == 0);
	CHECK(fsc_put(f, "in memory", 0) == 0);
	CHECK(fsys_syncfs(control, 1, 0) == 0);
	CHECK(fsc_get(f, buf, sizeof(buf), 0) == 0);
	CHECK_STR(buf, "in memory");
	fsc_close(f);
	CHECK(fsc_try(root, "docs/new", FS_O_READ) == 0);
	return check_done();
}
