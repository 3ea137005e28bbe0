/*
 * bdev_device.c -- the ext2 engine's block device (struct ext2_bdev)
 * over Mach's device interface, for the ext2fs translator: a device
 * port from device_open on a master (the kernel's for rd0, the
 * virtio-blk driver's for vd0), device_read and device_write in large
 * record-aligned requests, the clock for timestamps.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <device/device.h>

#include "ext2fs_srv.h"

#define BDEV_RECORD	512
#define BDEV_CHUNK	(1024 * 1024)	/* the drivers' largest request */

static int
bdev_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct ext2fs_dev *d = ctx;
	io_buf_ptr_t data;
	mach_msg_type_number_t cnt;
	size_t n;

	while (len != 0) {
		n = len < BDEV_CHUNK ? len : BDEV_CHUNK;
		if (device_read(d->dev, 0, off / BDEV_RECORD, n, &data,
		    &cnt) != D_SUCCESS)
			return -EIO;
		if (cnt != n) {
			vm_deallocate(mach_task_self(), (vm_address_t)data,
			    cnt);
			return -EIO;
		}
		memcpy(buf, data, n);
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
		buf = (char *)buf + n;
		off += n;
		len -= n;
	}
	return 0;
}

static int
bdev_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	struct ext2fs_dev *d = ctx;
	int written;
	size_t n;

	if (d->rdonly)
		return -EROFS;
	while (len != 0) {
		n = len < BDEV_CHUNK ? len : BDEV_CHUNK;
		if (device_write(d->dev, 0, off / BDEV_RECORD, (char *)buf, n,
		    &written) != D_SUCCESS || (size_t)written != n)
			return -EIO;
		buf = (const char *)buf + n;
		off += n;
		len -= n;
	}
	return 0;
}

/* Writes are done when device_write answers: nothing is held back. */
static int
bdev_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static int64_t
bdev_now(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec;
}

/*
 * Open device name on master and fill bd for the engine.  EIO (no such
 * device or unreadable size), EROFS (a read-only disk asked to write).
 */
int
ext2fs_dev_open(struct ext2fs_dev *d, mach_port_t master, const char *name,
    int rdonly, struct ext2_bdev *bd)
{
	int st[2];
	mach_msg_type_number_t n = 2;
	kern_return_t kr;

	memset(d, 0, sizeof(*d));
	d->rdonly = rdonly;
	kr = device_open(master, rdonly ? D_READ : D_READ | D_WRITE,
	    (char *)name, &d->dev);
	if (kr == D_READ_ONLY)
		return EROFS;
	if (kr != D_SUCCESS)
		return EIO;
	if (device_get_status(d->dev, DEV_GET_RECORDS, st, &n) != D_SUCCESS ||
	    n < 2 || st[0] <= 0)
		return EIO;
	memset(bd, 0, sizeof(*bd));
	bd->ctx = d;
	bd->read = bdev_read;
	bd->write = bdev_write;
	bd->flush = bdev_flush;
	bd->now = bdev_now;
	bd->size = (uint64_t)(unsigned int)st[0] * BDEV_RECORD &
	    ~(uint64_t)1023;
	return 0;
}
