/*
 * ext2fs_srv.h -- the ext2fs translator around the ext2 engine (ext2.h):
 * the engine's block device over Mach's device interface
 * (bdev_device.c) and the file-system layer's backend table over the
 * engine (ext2fs_ops.c), started by main.c.
 */
#ifndef EXT2FS_SRV_H
#define EXT2FS_SRV_H

#include <mach/port.h>

#include "ext2.h"
#include "fs_layer.h"

struct ext2fs_dev {
	mach_port_t dev;		/* the device port */
	int rdonly;
};

/* The translator's state: fs->priv. */
struct ext2fs {
	struct ext2fs_dev dev;
	struct ext2_bdev bdev;
	struct ext2_fs *e2;
	int rdonly;
};

#define EXT2FS_XATTR_TRANS	"gnu.translator"

int	ext2fs_dev_open(struct ext2fs_dev *d, mach_port_t master,
	    const char *name, int rdonly, struct ext2_bdev *bd);
extern const struct fs_ops ext2fs_ops;

#endif
