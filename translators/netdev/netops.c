/*
 * netops.c -- the device interface of a network driver task (device.defs
 * through MIG's deviceServer.c, device_set_filter through
 * net_filterServer.c): open "eth0" on our master, send one Ethernet frame
 * per device_write or device_write_inband, read the status and address
 * as GNU Mach's NET_STATUS and NET_ADDRESS, and register the port that
 * receives frames.  Every value is checked before the device is touched;
 * a failing handler leaves the request's memory and rights for the
 * request loop to destroy.
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <device/device_types.h>
#include "device_S.h"
#include "net_filter_S.h"
#include "net_frame_S.h"
#include "netdev.h"
#include "netframe.h"
#include "net_status.h"

#define NETDEV_MODES	(D_READ | D_WRITE | D_NODELAY | D_NOWAIT)

kern_return_t
ds_device_open(mach_port_t master, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, const_dev_name_t name,
    mach_port_t *device, mach_msg_type_name_t *devicePoly)
{
	(void)reply;
	(void)replyPoly;
	if (master != netdev.master || (mode & ~NETDEV_MODES) != 0)
		return D_INVALID_OPERATION;
	if (strnlen(name, sizeof(dev_name_t)) == sizeof(dev_name_t) ||
	    strcmp(name, NETDEV_NAME) != 0)
		return D_NO_SUCH_DEVICE;
	if (netdev.broken)
		return D_DEVICE_DOWN;
	*device = netdev.device;
	*devicePoly = MACH_MSG_TYPE_MAKE_SEND;
	return D_SUCCESS;
}

kern_return_t
ds_device_close(mach_port_t device)
{
	return device == netdev.device ? D_SUCCESS : D_NO_SUCH_DEVICE;
}

/* One frame, out of line; the memory is ours once we succeed. */
kern_return_t
ds_device_write(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    io_buf_ptr_t data, mach_msg_type_number_t count, int *written)
{
	int error;

	(void)reply;
	(void)replyPoly;
	(void)mode;
	(void)recnum;
	if (device != netdev.device)
		return D_NO_SUCH_DEVICE;
	if (!netframe_ok(count))
		return D_INVALID_SIZE;
	error = netdev_output(data, count);
	if (error != D_SUCCESS)
		return error;
	vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	*written = count;
	return D_SUCCESS;
}

/* One frame of at most IO_INBAND_MAX (128) bytes, in line. */
kern_return_t
ds_device_write_inband(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    const io_buf_ptr_inband_t data, mach_msg_type_number_t count,
    int *written)
{
	int error;

	(void)reply;
	(void)replyPoly;
	(void)mode;
	(void)recnum;
	if (device != netdev.device)
		return D_NO_SUCH_DEVICE;
	if (!netframe_ok(count) || count > IO_INBAND_MAX)
		return D_INVALID_SIZE;
	error = netdev_output(data, count);
	if (error == D_SUCCESS)
		*written = count;
	return error;
}

/* Frames arrive as net_rcv_msg messages, never by device_read. */
kern_return_t
ds_device_read(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    int bytes_wanted, io_buf_ptr_t *data, mach_msg_type_number_t *count)
{
	(void)reply, (void)replyPoly, (void)mode, (void)recnum;
	(void)bytes_wanted, (void)data, (void)count;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_read_inband(mach_port_t device, mach_port_t reply,
    mach_msg_type_name_t replyPoly, dev_mode_t mode, recnum_t recnum,
    int bytes_wanted, io_buf_ptr_inband_t data,
    mach_msg_type_number_t *count)
{
	(void)reply, (void)replyPoly, (void)mode, (void)recnum;
	(void)bytes_wanted, (void)data, (void)count;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

/* NET_STATUS, and NET_ADDRESS as GNU Mach gives it: the address bytes
 * in two ints, each converted to network order. */
kern_return_t
ds_device_get_status(mach_port_t device, dev_flavor_t flavor,
    dev_status_t status, mach_msg_type_number_t *count)
{
	struct net_status ns = { NETF_MIN, NETF_MAX, HDR_ETHERNET, NETF_HDR,
	    6, NET_IFF_UP | NET_IFF_BROADCAST, 0 };
	uint32_t w[2] = { 0, 0 };

	if (device != netdev.device)
		return D_NO_SUCH_DEVICE;
	if (flavor == NET_STATUS) {
		if (*count < NET_STATUS_COUNT)
			return D_INVALID_SIZE;
		if (netdev.hw->link_up())
			ns.flags |= NET_IFF_RUNNING;
		memcpy(status, &ns, sizeof(ns));
		*count = NET_STATUS_COUNT;
		return D_SUCCESS;
	}
	if (flavor != NET_ADDRESS)
		return D_INVALID_OPERATION;
	if (*count < 2)
		return D_INVALID_SIZE;
	memcpy(w, netdev.mac, 6);
	status[0] = (int)__builtin_bswap32(w[0]);
	status[1] = (int)__builtin_bswap32(w[1]);
	*count = 2;
	return D_SUCCESS;
}

kern_return_t
ds_device_set_status(mach_port_t device, dev_flavor_t flavor,
    const dev_status_t status, mach_msg_type_number_t count)
{
	(void)flavor, (void)status, (void)count;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_map(mach_port_t device, vm_prot_t prot, vm_offset_t offset,
    vm_size_t size, mach_port_t *pager, int unmap)
{
	(void)prot, (void)offset, (void)size, (void)pager, (void)unmap;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_intr_register(mach_port_t device, int id, int flags,
    mach_port_t port)
{
	(void)id, (void)flags, (void)port;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

kern_return_t
ds_device_intr_ack(mach_port_t device, mach_port_t port)
{
	(void)port;
	return device == netdev.device ? D_INVALID_OPERATION :
	    D_NO_SUCH_DEVICE;
}

/*
 * The port every received frame goes to, replacing the previous one.  The
 * filter program is checked for size only and not run: the driver has
 * one client (pfinet), which gets every frame.
 */
kern_return_t
ds_device_set_filter(mach_port_t device, mach_port_t receive_port,
    int priority, filter_array_t filter, mach_msg_type_number_t count)
{
	(void)filter;
	if (device != netdev.device)
		return D_NO_SUCH_DEVICE;
	if (!MACH_PORT_VALID(receive_port) || priority < 0 ||
	    priority > NET_PRI_MAX || count > NET_MAX_FILTER)
		return D_INVALID_OPERATION;
	if (netdev.rcv_port != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), netdev.rcv_port);
	netdev.rcv_port = receive_port;
	return D_SUCCESS;
}

/* One frame of up to 1514 bytes in line (net_frame.defs). */
kern_return_t
ds_net_write_frame(mach_port_t device, const net_frame_t frame,
    mach_msg_type_number_t count)
{
	if (device != netdev.device)
		return D_NO_SUCH_DEVICE;
	if (!netframe_ok(count))
		return D_INVALID_SIZE;
	return netdev_output(frame, count);
}
