/*
 * main.c -- the ext2fs translator: mounts an ext2 image from a block
 * device through the ext2 engine and serves it with translators/lib's
 * file-system layer.  The device comes from the kernel's device master
 * (a ramdisk, rd0) or from a virtio-blk driver task the boot script
 * hands us (--driver=TASK, vd0).  The engine decides what it can serve:
 * read-write, read-only (its note says why) or refused (the reason is
 * printed and we exit).
 *
 * Usage: ext2fs [--test] [--readonly] [--driver=TASK] DEVICE [CLIENT-TASK]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>
#include <whorl/ports.h>

#include "ext2fs_srv.h"
#include "drvstart.h"

struct ext2fs_args {
	int rdonly;
	mach_port_t driver, client;
	const char *device;
};

static int
ext2fs_parse(int argc, char *argv[], struct ext2fs_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--test") == 0)
			srv_test_enable();
		else if (strcmp(argv[i], "--readonly") == 0)
			a->rdonly = 1;
		else if (strncmp(argv[i], "--driver=", 9) == 0)
			a->driver = strtoul(argv[i] + 9, NULL, 10);
		else if (argv[i][0] >= '1' && argv[i][0] <= '9' &&
		    a->device != NULL)
			a->client = strtoul(argv[i], NULL, 10);
		else if (argv[i][0] != '-' && a->device == NULL)
			a->device = argv[i];
		else
			return EINVAL;
	}
	return a->device == NULL ? EINVAL : 0;
}

/* Open and mount the device; the engine's verdict on the console. */
static int
ext2fs_mount(struct ext2fs *x, const struct ext2fs_args *a)
{
	struct ext2_mountopts opts = { 0, 0 };
	mach_port_t master = __whorl_device_master;
	const char *why = "";
	int error;

	if (MACH_PORT_VALID(a->driver))
		master = drv_start(a->driver, VBLK_READY_ID);
	error = ext2fs_dev_open(&x->dev, master, a->device, a->rdonly,
	    &x->bdev);
	if (error != 0) {
		printf("ext2fs: %s: cannot open: %s\n", a->device,
		    strerror(error));
		return error;
	}
	opts.flags = a->rdonly ? EXT2_MOUNT_RDONLY : 0;
	error = -ext2_mount(&x->bdev, &opts, &x->e2, &why);
	if (error != 0) {
		printf("ext2fs: %s: refused: %s\n", a->device,
		    why != NULL && why[0] ? why : strerror(error));
		return error;
	}
	x->rdonly = a->rdonly || ext2_mount_note(x->e2)[0] != '\0';
	if (x->rdonly && !a->rdonly)
		printf("ext2fs: %s: read-only: %s\n", a->device,
		    ext2_mount_note(x->e2));
	return 0;
}

int
main(int argc, char *argv[])
{
	static struct ext2fs x;
	static struct fs fs;
	struct ext2fs_args a;
	int error;

	if (ext2fs_parse(argc, argv, &a) != 0) {
		printf("usage: ext2fs [--test] [--readonly] [--driver=TASK] "
		    "DEVICE [CLIENT-TASK]\n");
		return 1;
	}
	if (ext2fs_mount(&x, &a) != 0)
		return 1;
	error = fs_init(&fs, &ext2fs_ops, &x);
	fs.rdonly = x.rdonly;
	if (error == 0)
		error = fs_start(&fs, a.client);
	if (error != 0) {
		printf("ext2fs: cannot start: %s\n", strerror(error));
		return 1;
	}
	printf("ext2fs: %s: mounted %s\n", a.device,
	    x.rdonly ? "read-only" : "read-write");
	fflush(stdout);
	srv_bucket_run(&fs.bucket);
	return 0;
}
