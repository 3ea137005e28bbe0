/*
 * ext2fs_ro.c -- the ext2fs translator on an image whose features the
 * engine can only read (huge_file, read-only compatible): it mounts
 * read-only and says why; reads work, every change is EROFS; after QEMU
 * exits the image is byte for byte what mke2fs wrote (ext2fs_ro.boot).
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
	CHECK(file_chmod(f, 0600) == EROFS);
	CHECK(file_set_translator(f, 0, "/x", 3) == EROFS);
	fsc_close(f);
	CHECK(fsc_try(root, "docs/readme.txt", FS_O_WRITE) == EROFS);
	CHECK(fsc_try(root, "new", FS_O_CREAT | FS_O_WRITE) == EROFS);
	CHECK(dir_mkdir(root, "d", 0755) == EROFS);
	CHECK(dir_unlink(root, "docs") == EROFS);
	CHECK(fsys_syncfs(control, 1, 0) == 0);
	fsc_close(root);
	CHECK(fsys_goaway(control, FSYS_GOAWAY_FORCE) == 0);
	return check_done();
}
