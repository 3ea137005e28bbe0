/*
 * ramdisk.h -- block devices over boot modules, GNU Mach's
 * $(ramdisk-create): the boot script turns a module's memory into the
 * device rd0, rd1, ... that device_open on the device master finds.
 * Records are 512-byte sectors; the memory is the module's own pages.
 */
#ifndef KERN_RAMDISK_H
#define KERN_RAMDISK_H

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <device/device_types.h>

#define RAMDISK_MAX		8		/* rd0 .. rd7 */
#define RAMDISK_NAME_MAX	8
#define RAMDISK_IO_MAX		(1024 * 1024)	/* bytes in one request */

/* Make [base, base + size) the next ramdisk; its name in *name.
 * KERN_RESOURCE_SHORTAGE when all are taken, KERN_INVALID_ARGUMENT
 * for less than one record.  Boot time only (one thread). */
kern_return_t	ramdisk_create(void *base, uint64_t size, const char **name);

/* The ramdisk called name, or NULL. */
struct device	*ramdisk_lookup(const char *name);
/* Is d a ramdisk? */
bool		 ramdisk_is(device_t d);

io_return_t	ramdisk_read(device_t d, recnum_t recnum, int bytes,
		    io_buf_ptr_t *data, mach_msg_type_number_t *count);
io_return_t	ramdisk_read_inband(device_t d, recnum_t recnum, int bytes,
		    char *data, mach_msg_type_number_t *count);
io_return_t	ramdisk_write(device_t d, recnum_t recnum, io_buf_ptr_t data,
		    mach_msg_type_number_t count, int *written);
io_return_t	ramdisk_get_status(device_t d, dev_flavor_t flavor,
		    dev_status_t status, mach_msg_type_number_t *count);

#endif
