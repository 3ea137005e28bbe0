/*
 * ops.c -- the device interface of the virtio-blk driver (device.defs,
 * served by MIG's deviceServer.c): open "vd0" on our master port, read
 * and write whole 512-byte records out of line, a prefix of one record
 * in line, and the size.  Every value in a request is checked before the
 * disk is touched (blkreq.c); a failing handler leaves the request's
 * memory and rights for the request loop to destroy.
 */
#include <string.h>
#include <limits.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <device/device_types.h>
#include "device_S.h"
#include "blkreq.h"
#include "vblk.h"

#define VBLK_MODES	(D_READ | D_WRITE | D_NODELAY | D_NOWAIT)

kern_return_t
ds_device_open(mach_port_t master, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, const_dev_name_t name,
    mach_port_t *device, mach_msg_type_name_t *devicePoly)
{
	(void)reply;
	(void)replyPoly;
	if (master != vblk.master)
		return D_INVALID_OPERATION;
	if ((mode & ~VBLK_MODES) != 0)
		return D_INVALID_OPERATION;
	if (strnlen(name, sizeof(dev_name_t)) == sizeof(dev_name_t) ||
	    strcmp(name, VBLK_DEV_NAME) != 0)
		return D_NO_SUCH_DEVICE;
	if ((mode & D_WRITE) && vblk.readonly)
		return D_READ_ONLY;
	if (vblk.broken)
		return D_DEVICE_DOWN;
	*device = vblk.device;
	*devicePoly = MACH_MSG_TYPE_MAKE_SEND;
	return D_SUCCESS;
}

kern_return_t
ds_device_close(mach_port_t device)
{
	return device == vblk.device ? D_SUCCESS : D_NO_SUCH_DEVICE;
}

/* Move [recnum, recnum + bytes) between mem and the disk, a buffer at a
 * time.  The request was checked. */
static int
vblk_rw(uint32_t type, recnum_t recnum, char *mem, uint64_t bytes)
{
	uint64_t done, n;
	int error = D_SUCCESS;

	for (done = 0; done < bytes && error == D_SUCCESS; done += n) {
		n = bytes - done < VBLK_BUF_SIZE ? bytes - done : VBLK_BUF_SIZE;
		if (type == VBLK_T_OUT)
			memcpy(vblk.buf, mem + done, n);
		error = vblk_transfer(&vblk, type, recnum + done / BLK_SECTOR,
		    n);
		if (error == D_SUCCESS && type == VBLK_T_IN)
			memcpy(mem + done, vblk.buf, n);
	}
	if (error == D_SUCCESS)
		vblk.nreq++;
	return error;
}

kern_return_t
ds_device_read(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    int bytes_wanted, io_buf_ptr_t *data, mach_msg_type_number_t *count)
{
	vm_address_t buf = 0;
	int error;

	(void)reply;
	(void)replyPoly;
	(void)mode;
	if (device != vblk.device)
		return D_NO_SUCH_DEVICE;
	error = blk_check(vblk.nsect, recnum, bytes_wanted, VBLK_MAX_IO);
	if (error != D_SUCCESS)
		return error;
	if (vm_allocate(mach_task_self(), &buf, bytes_wanted, TRUE) != 0)
		return D_NO_MEMORY;
	error = vblk_rw(VBLK_T_IN, recnum, (char *)buf, bytes_wanted);
	if (error != D_SUCCESS) {
		vm_deallocate(mach_task_self(), buf, bytes_wanted);
		return error;
	}
	*data = (io_buf_ptr_t)buf;	/* moved to the client */
	*count = bytes_wanted;
	return D_SUCCESS;
}

kern_return_t
ds_device_read_inband(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    int bytes_wanted, io_buf_ptr_inband_t data,
    mach_msg_type_number_t *count)
{
	int error;

	(void)reply;
	(void)replyPoly;
	(void)mode;
	if (device != vblk.device)
		return D_NO_SUCH_DEVICE;
	error = blk_check_prefix(vblk.nsect, recnum, bytes_wanted,
	    IO_INBAND_MAX);
	if (error != D_SUCCESS)
		return error;
	error = vblk_transfer(&vblk, VBLK_T_IN, recnum, BLK_SECTOR);
	if (error != D_SUCCESS)
		return error;
	memcpy(data, vblk.buf, bytes_wanted);
	*count = bytes_wanted;
	vblk.nreq++;
	return D_SUCCESS;
}

kern_return_t
ds_device_write(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    io_buf_ptr_t data, mach_msg_type_number_t count, int *written)
{
	int error;

	(void)reply;
	(void)replyPoly;
	(void)mode;
	if (device != vblk.device)
		return D_NO_SUCH_DEVICE;
	if (vblk.readonly)
		return D_READ_ONLY;
	error = blk_check(vblk.nsect, recnum, count, VBLK_MAX_IO);
	if (error != D_SUCCESS)
		return error;
	error = vblk_rw(VBLK_T_OUT, recnum, data, count);
	if (error != D_SUCCESS)
		return error;
	vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	*written = count;
	return D_SUCCESS;
}

/* At most IO_INBAND_MAX bytes: never a whole record, so always refused
 * (after the same checks as every request). */
kern_return_t
ds_device_write_inband(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    const io_buf_ptr_inband_t data, mach_msg_type_number_t count,
    int *written)
{
	(void)reply;
	(void)replyPoly;
	(void)mode;
	(void)data;
	(void)written;
	if (device != vblk.device)
		return D_NO_SUCH_DEVICE;
	if (vblk.readonly)
		return D_READ_ONLY;
	return blk_check(vblk.nsect, recnum, count, IO_INBAND_MAX);
}

/* DEV_GET_SIZE and DEV_GET_RECORDS as GNU Mach defines them; an int
 * cannot hold more, so both saturate at INT_MAX (records) and the largest
 * whole number of records an int holds (bytes). */
kern_return_t
ds_device_get_status(mach_port_t device, dev_flavor_t flavor,
    dev_status_t status, mach_msg_type_number_t *count)
{
	uint64_t bytes_max = (uint64_t)INT_MAX & ~(uint64_t)(BLK_SECTOR - 1);
	uint64_t bytes = vblk.nsect << BLK_SECTOR_SHIFT;

	if (device != vblk.device)
		return D_NO_SUCH_DEVICE;
	if (flavor != DEV_GET_SIZE && flavor != DEV_GET_RECORDS)
		return D_INVALID_OPERATION;
	if (*count < DEV_GET_SIZE_COUNT)
		return D_INVALID_SIZE;
	if (flavor == DEV_GET_SIZE)
		status[DEV_GET_SIZE_DEVICE_SIZE] = (vblk.nsect >> 55) != 0 ||
		    bytes > bytes_max ? (int)bytes_max : (int)bytes;
	else
		status[DEV_GET_RECORDS_DEVICE_RECORDS] = vblk.nsect > INT_MAX ?
		    INT_MAX : (int)vblk.nsect;
	status[DEV_GET_SIZE_RECORD_SIZE] = BLK_SECTOR;
	*count = DEV_GET_SIZE_COUNT;
	return D_SUCCESS;
}

kern_return_t
ds_device_set_status(mach_port_t device, dev_flavor_t flavor,
    const dev_status_t status, mach_msg_type_number_t count)
{
	(void)flavor;
	(void)status;
	(void)count;
	return device == vblk.device ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_map(mach_port_t device, vm_prot_t prot, vm_offset_t offset,
    vm_size_t size, mach_port_t *pager, int unmap)
{
	(void)prot;
	(void)offset;
	(void)size;
	(void)pager;
	(void)unmap;
	return device == vblk.device ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_intr_register(mach_port_t device, int id, int flags,
    mach_port_t port)
{
	(void)id;
	(void)flags;
	(void)port;
	return device == vblk.device ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_intr_ack(mach_port_t device, mach_port_t port)
{
	(void)port;
	return device == vblk.device ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE;
}
