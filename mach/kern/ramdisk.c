/*
 * ramdisk.c -- the kernel's ramdisks (ramdisk.h): boot modules served as
 * block devices through device.c, so that a machine booted without a
 * driver for its disk (a USB stick) can mount its root from memory.  The
 * module's pages stay reserved for ever (vm_page.c never hands them out),
 * so the device is those pages: nothing is copied at creation.  Every
 * request lies wholly on the device, in whole records, or is refused.
 */
#include "kern/klib.h"
#include "kern/device.h"
#include "kern/ramdisk.h"
#include "vm/vm_copy.h"
#include "machine/pmap.h"

#define RD_RECORD	512

struct ramdisk {
	struct device	 dev;		/* first: a device_t is a ramdisk */
	char		 name[RAMDISK_NAME_MAX];	/* [I] */
	char		*base;		/* [I] the module, kernel mapping */
	uint64_t	 nrec;		/* [I] whole records */
};

/* Written only by the boot script's thread, before any task runs. */
static struct ramdisk ramdisks[RAMDISK_MAX];
static unsigned nramdisks;

kern_return_t
ramdisk_create(void *base, uint64_t size, const char **name)
{
	struct ramdisk *rd;

	if (size < RD_RECORD)
		return KERN_INVALID_ARGUMENT;
	if (nramdisks == RAMDISK_MAX)
		return KERN_RESOURCE_SHORTAGE;
	rd = &ramdisks[nramdisks];
	rd->name[0] = 'r';
	rd->name[1] = 'd';
	rd->name[2] = '0' + nramdisks;
	rd->name[3] = '\0';
	rd->dev.name = rd->name;
	rd->base = base;
	rd->nrec = size / RD_RECORD;
	__atomic_store_n(&nramdisks, nramdisks + 1, __ATOMIC_RELEASE);
	*name = rd->name;
	return KERN_SUCCESS;
}

struct device *
ramdisk_lookup(const char *name)
{
	unsigned i, n = __atomic_load_n(&nramdisks, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++)
		if (strcmp(name, ramdisks[i].name) == 0)
			return &ramdisks[i].dev;
	return NULL;
}

bool
ramdisk_is(device_t d)
{
	uintptr_t p = (uintptr_t)d;

	return p >= (uintptr_t)&ramdisks[0] &&
	    p < (uintptr_t)&ramdisks[RAMDISK_MAX];
}

/* The ramdisk's checks: whole records, at most max bytes, on the device. */
static io_return_t
ramdisk_check(const struct ramdisk *rd, recnum_t recnum, int64_t bytes,
    int64_t max, bool whole)
{
	if (bytes <= 0 || bytes > max || (whole && bytes % RD_RECORD != 0))
		return D_INVALID_SIZE;
	if (recnum >= rd->nrec)
		return D_INVALID_RECNUM;
	if ((uint64_t)(bytes + RD_RECORD - 1) / RD_RECORD > rd->nrec - recnum)
		return D_INVALID_SIZE;
	return D_SUCCESS;
}

io_return_t
ramdisk_read(device_t d, recnum_t recnum, int bytes, io_buf_ptr_t *data,
    mach_msg_type_number_t *count)
{
	struct ramdisk *rd = (struct ramdisk *)d;
	io_return_t error;

	error = ramdisk_check(rd, recnum, bytes, RAMDISK_IO_MAX, true);
	if (error != D_SUCCESS)
		return error;
	*data = (io_buf_ptr_t)vm_copy_from_kernel(rd->base +
	    recnum * RD_RECORD, bytes);
	if (*data == NULL)
		return D_NO_MEMORY;
	*count = bytes;
	return D_SUCCESS;
}

/* A prefix (1..IO_INBAND_MAX bytes) of record recnum, in the reply. */
io_return_t
ramdisk_read_inband(device_t d, recnum_t recnum, int bytes, char *data,
    mach_msg_type_number_t *count)
{
	struct ramdisk *rd = (struct ramdisk *)d;
	io_return_t error;

	error = ramdisk_check(rd, recnum, bytes, IO_INBAND_MAX, false);
	if (error != D_SUCCESS)
		return error;
	memcpy(data, rd->base + recnum * RD_RECORD, bytes);
	*count = bytes;
	return D_SUCCESS;
}

/* Whole records from the out-of-line copy; consumed on success only. */
io_return_t
ramdisk_write(device_t d, recnum_t recnum, io_buf_ptr_t data,
    mach_msg_type_number_t count, int *written)
{
	struct ramdisk *rd = (struct ramdisk *)d;
	struct vm_copy *c = (struct vm_copy *)data;
	char *dst = rd->base + recnum * RD_RECORD;
	uint64_t done = 0, part;
	io_return_t error;

	if (c == NULL || c->size != count)
		return D_INVALID_SIZE;
	error = ramdisk_check(rd, recnum, count, RAMDISK_IO_MAX, true);
	if (error != D_SUCCESS)
		return error;
	for (uint64_t i = 0; i < c->npages; i++, done += part) {
		part = MIN(PAGE_SIZE, c->size - done);
		memcpy(dst + done, phys_to_virt(c->pages[i]), part);
	}
	vm_copy_discard(c);
	*written = (int)count;
	return D_SUCCESS;
}

/* DEV_GET_SIZE / DEV_GET_RECORDS as GNU Mach defines them. */
io_return_t
ramdisk_get_status(device_t d, dev_flavor_t flavor, dev_status_t status,
    mach_msg_type_number_t *count)
{
	struct ramdisk *rd = (struct ramdisk *)d;
	uint64_t max = 0x7FFFFFFFull / RD_RECORD;

	if (flavor != DEV_GET_SIZE && flavor != DEV_GET_RECORDS)
		return D_INVALID_OPERATION;
	if (*count < DEV_GET_SIZE_COUNT)
		return D_INVALID_SIZE;
	if (flavor == DEV_GET_SIZE)
		status[DEV_GET_SIZE_DEVICE_SIZE] = MIN(rd->nrec, max) *
		    RD_RECORD;
	else
		status[DEV_GET_RECORDS_DEVICE_RECORDS] = MIN(rd->nrec,
		    0x7FFFFFFFull);
	status[DEV_GET_SIZE_RECORD_SIZE] = RD_RECORD;
	*count = DEV_GET_SIZE_COUNT;
	return D_SUCCESS;
}
