/*
 * blkreq.h -- the checks every request to the virtio-blk driver passes
 * before it touches the disk (the kernel's ramdisk applies the same rules
 * in mach/kern/ramdisk.c): records are 512-byte sectors, a request is a
 * whole number of them, not empty, not over the per-request limit, and
 * lies wholly on the device.  Pure; tests/blk_test.c runs it on the host.
 */
#ifndef BLKREQ_H
#define BLKREQ_H

#include <stdint.h>

#define BLK_SECTOR		512
#define BLK_SECTOR_SHIFT	9

/* The D_* codes of <device/device_types.h>, which the host cannot include. */
#define BLK_OK			0	/* D_SUCCESS */
#define BLK_INVALID_RECNUM	2506	/* D_INVALID_RECNUM */
#define BLK_INVALID_SIZE	2507	/* D_INVALID_SIZE */

/*
 * May bytes be read or written at record recnum of a device of nsect
 * sectors, with at most max bytes per request?  BLK_OK, or
 * BLK_INVALID_SIZE (not positive, not whole sectors, over max, running
 * past the end) or BLK_INVALID_RECNUM (starting at or past the end).
 */
int	blk_check(uint64_t nsect, uint64_t recnum, int64_t bytes, uint64_t max);

/* A prefix read of one record (device_read_inband): 1..max bytes of a
 * record on the device. */
int	blk_check_prefix(uint64_t nsect, uint64_t recnum, int64_t bytes,
	    uint64_t max);

#endif
