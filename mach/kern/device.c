/*
 * device.c -- the kernel's device server (device.defs, ids 2800-2814):
 * device_open of the kernel console through the device master port, and
 * device_read/device_write on it; and the "irq" device, through which
 * drivers get interrupts as messages (kern/intr.c); "mem" (device memory
 * for drivers) and "time" (GNU Mach's mapped time page) through
 * device_map; and the ramdisks rd0, rd1, ... (kern/ramdisk.c).  Reads
 * wait for serial input a tick at a
 * time (the kernel console is polled).  Operations a device does not have
 * answer D_INVALID_OPERATION.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/device.h"
#include "kern/host.h"
#include "kern/intr.h"
#include "kern/ramdisk.h"
#include "kern/kalloc.h"
#include "vm/vm_page.h"
#include <mach/vm_prot.h>
#include "kern/sched.h"
#include "vm/vm_copy.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "machine/console.h"
#include "machine/pmap.h"
#include <device/device_types.h>
#include <mach/mig_kernel.h>

#define CONSOLE_READ_MAX	4096

struct ipc_port *device_master_port;
static struct spinlock device_lock = SPINLOCK_INIT;	/* the ports below */
static struct device console_device = { .name = "console" };
static struct device irq_device = { .name = "irq" };
static struct device mem_device = { .name = "mem" };
static struct device time_device = { .name = "time" };

void
device_init(void)
{
	device_master_port = ipc_kobject_port_alloc(IKOT_DEVICE_MASTER, NULL);
	if (device_master_port == NULL)
		panic("device: no memory for the device master port");
	intr_init();
}

/* The kernel's devices live forever: lookups take no reference. */
device_t
dev_port_lookup(struct ipc_port *p)
{
	device_t d = NULL;

	if (!IP_VALID(p))
		return NULL;
	spin_lock(&p->lock);
	if (p->active && p->kotype == IKOT_DEVICE)
		d = p->kobject;
	spin_unlock(&p->lock);
	return d;
}

/*
 * A send right to the device's port, made when the device is opened.
 * Every open of a device gives the same port, as on GNU Mach; the port
 * exists from the first open to the moment its last send right goes
 * (device_no_senders), so opening and dropping a device costs nothing
 * lasting.  NULL when no port could be had.
 */
struct ipc_port *
convert_device_to_port(device_t d)
{
	struct ipc_port *p;

	if (d == NULL)
		return NULL;
	spin_lock(&device_lock);
	if (d->port == NULL)
		d->port = ipc_kobject_port_alloc(IKOT_DEVICE, d);
	p = ipc_kobject_make_send(d->port);
	spin_unlock(&device_lock);
	return p;
}

/* Nobody holds the device's port any more: it is closed and the port dies. */
void
device_no_senders(struct ipc_port *port, void *object)
{
	struct device *d = object;
	bool gone = false;

	spin_lock(&device_lock);
	spin_lock(&port->lock);
	if (d->port == port && port->srights == 0) {
		d->port = NULL;		/* a later open makes a new one */
		gone = true;
	}
	spin_unlock(&port->lock);
	spin_unlock(&device_lock);
	if (gone)
		ipc_kobject_port_destroy(port);
}

void
device_deallocate(device_t d)
{
	(void)d;
}

kern_return_t
ds_device_open(ipc_port_t master, ipc_port_t reply, mach_msg_type_name_t poly,
    dev_mode_t mode, const_dev_name_t name, device_t *device)
{
	struct device *d;
	bool open;

	(void)reply;
	(void)poly;
	(void)mode;
	if (!IP_VALID(master) || master->kotype != IKOT_DEVICE_MASTER)
		return D_INVALID_OPERATION;
	if (strcmp(name, console_device.name) == 0)
		d = &console_device;
	else if (strcmp(name, irq_device.name) == 0)
		d = &irq_device;
	else if (strcmp(name, mem_device.name) == 0)
		d = &mem_device;
	else if (strcmp(name, time_device.name) == 0)
		d = &time_device;
	else if ((d = ramdisk_lookup(name)) == NULL)
		return D_NO_SUCH_DEVICE;
	spin_lock(&device_lock);
	if (d->port == NULL)
		d->port = ipc_kobject_port_alloc(IKOT_DEVICE, d);
	open = d->port != NULL;
	spin_unlock(&device_lock);
	if (!open)
		return D_NO_MEMORY;
	*device = d;
	return D_SUCCESS;
}

kern_return_t
ds_device_close(device_t d)
{
	return d == NULL ? D_NO_SUCH_DEVICE : D_SUCCESS;
}

/* Write the out-of-line bytes (a vm_copy in kernel form) on the console. */
kern_return_t
ds_device_write(device_t d, ipc_port_t reply, mach_msg_type_name_t poly,
    dev_mode_t mode, recnum_t recnum, io_buf_ptr_t data,
    mach_msg_type_number_t count, int *written)
{
	struct vm_copy *c = (struct vm_copy *)data;
	uint64_t done = 0;

	(void)reply;
	(void)poly;
	(void)mode;
	if (ramdisk_is(d))
		return ramdisk_write(d, recnum, data, count, written);
	(void)recnum;
	if (d != &console_device)
		return D_NO_SUCH_DEVICE;
	if ((c == NULL && count != 0) || (c != NULL && c->size != count))
		return D_INVALID_SIZE;
	for (uint64_t i = 0; c != NULL && i < c->npages; i++) {
		uint64_t len = MIN(PAGE_SIZE, c->size - done);

		console_write(phys_to_virt(c->pages[i]), len);
		done += len;
	}
	vm_copy_discard(c);
	*written = (int)done;
	return D_SUCCESS;
}

/* Write bytes carried in the message itself on the console. */
kern_return_t
ds_device_write_inband(device_t d, ipc_port_t reply, mach_msg_type_name_t poly,
    dev_mode_t mode, recnum_t recnum, const io_buf_ptr_inband_t data,
    mach_msg_type_number_t count, int *written)
{
	(void)reply;
	(void)poly;
	(void)mode;
	(void)recnum;
	if (ramdisk_is(d))
		return D_INVALID_SIZE;	/* never a whole record */
	if (d != &console_device)
		return D_NO_SUCH_DEVICE;
	if (count > IO_INBAND_MAX)
		return D_INVALID_SIZE;
	console_write(data, count);
	*written = (int)count;
	return D_SUCCESS;
}

/*
 * A read of the console device d: wait for input and take at least one
 * byte of it into buf, at most wanted and at most max.  An aborted wait is
 * an I/O error, as on GNU Mach.
 */
static kern_return_t
console_read_some(device_t d, int wanted, int max, char *buf, int *got)
{
	int n = 0, ch, want;

	if (d != &console_device)
		return D_NO_SUCH_DEVICE;
	if (wanted <= 0)
		return D_INVALID_SIZE;
	want = MIN(wanted, max);
	while (n == 0) {
		while (n < want && (ch = serial_getc()) >= 0)
			buf[n++] = (char)ch;
		if (n == 0 && thread_block(NULL, 1000 / HZ) == THREAD_INTERRUPTED)
			return D_IO_ERROR;
	}
	*got = n;
	return D_SUCCESS;
}

/* Read at least one byte of console input, at most bytes_wanted. */
kern_return_t
ds_device_read(device_t d, ipc_port_t reply, mach_msg_type_name_t poly,
    dev_mode_t mode, recnum_t recnum, int bytes_wanted, io_buf_ptr_t *data,
    mach_msg_type_number_t *count)
{
	char buf[CONSOLE_READ_MAX];
	kern_return_t kr;
	int n;

	(void)reply;
	(void)poly;
	(void)mode;
	if (ramdisk_is(d))
		return ramdisk_read(d, recnum, bytes_wanted, data, count);
	(void)recnum;
	kr = console_read_some(d, bytes_wanted, CONSOLE_READ_MAX, buf, &n);
	if (kr != D_SUCCESS)
		return kr;
	*data = (io_buf_ptr_t)vm_copy_from_kernel(buf, n);
	if (*data == NULL)
		return D_NO_MEMORY;
	*count = n;
	return D_SUCCESS;
}

/* The same, with the bytes in the reply message (IO_INBAND_MAX at most). */
kern_return_t
ds_device_read_inband(device_t d, ipc_port_t reply, mach_msg_type_name_t poly,
    dev_mode_t mode, recnum_t recnum, int bytes_wanted,
    io_buf_ptr_inband_t data, mach_msg_type_number_t *count)
{
	kern_return_t kr;
	int n;

	(void)reply;
	(void)poly;
	(void)mode;
	if (ramdisk_is(d))
		return ramdisk_read_inband(d, recnum, bytes_wanted, data,
		    count);
	(void)recnum;
	kr = console_read_some(d, bytes_wanted, IO_INBAND_MAX, data, &n);
	if (kr == D_SUCCESS)
		*count = n;
	return kr;
}

/*
 * The kernel's devices have no status to get or set (GNU Mach's console
 * has terminal modes; Whorl's console is raw), so the routines exist and
 * say so rather than answering MIG_BAD_ID.
 */
kern_return_t
ds_device_set_status(device_t d, dev_flavor_t flavor,
    const dev_status_t status, mach_msg_type_number_t count)
{
	(void)flavor;
	(void)status;
	(void)count;
	return d == NULL ? D_NO_SUCH_DEVICE : D_INVALID_OPERATION;
}

kern_return_t
ds_device_get_status(device_t d, dev_flavor_t flavor, dev_status_t status,
    mach_msg_type_number_t *count)
{
	if (ramdisk_is(d))
		return ramdisk_get_status(d, flavor, status, count);
	(void)flavor;
	(void)status;
	(void)count;
	return d == NULL ? D_NO_SUCH_DEVICE : D_INVALID_OPERATION;
}

/* Interrupt id delivered as messages to port (on the "irq" device). */
kern_return_t
ds_device_intr_register(device_t d, int id, int flags, ipc_port_t port)
{
	(void)flags;
	if (d != &irq_device)
		return D_INVALID_OPERATION;
	return intr_register(id, port);
}

kern_return_t
ds_device_intr_ack(device_t d, ipc_port_t port)
{
	if (d != &irq_device)
		return D_INVALID_OPERATION;
	return intr_ack(port);
}

/* A pager port for physical [base, base + size); NULL: no memory. */
static struct phys_pager *
phys_pager_make(uint64_t base, uint64_t size, vm_prot_t prot, bool cached)
{
	struct phys_pager *pp;

	if ((pp = kzalloc(sizeof(*pp))) == NULL)
		return NULL;
	pp->refs = 1;			/* the port's */
	pp->base = base;
	pp->size = size;
	pp->prot = prot;
	pp->cached = cached;
	pp->port = ipc_kobject_port_alloc(IKOT_PHYS_PAGER, pp);
	if (pp->port == NULL) {
		kfree(pp);
		return NULL;
	}
	return pp;
}

/*
 * device_map on "mem": a pager port standing for physical memory
 * [offset, offset + size), which vm_map then maps uncached.  Only device
 * memory: a range touching the RAM the kernel hands out is refused.
 * On "time": the mapped time page (offset 0, up to a page), which the
 * clock tick updates; whatever prot asks, it maps only read-only.
 */
kern_return_t
ds_device_map(device_t d, vm_prot_t prot, vm_offset_t offset, vm_size_t size,
    ipc_port_t *pager, int unmap)
{
	struct phys_pager *pp;

	(void)unmap;
	if (d != &mem_device && d != &time_device)
		return D_INVALID_OPERATION;
	if (d == &time_device) {		/* glibc asks sizeof(mtime) */
		if (offset != 0 || size == 0 || size > PAGE_SIZE ||
		    (prot & ~VM_PROT_ALL) != 0)
			return D_INVALID_SIZE;
		pp = phys_pager_make(host_mapped_time_pa(), PAGE_SIZE,
		    VM_PROT_READ, true);
	} else {
		if (size == 0 || ((offset | size) & PAGE_MASK) != 0 ||
		    offset + size < offset || (prot & ~VM_PROT_ALL) != 0)
			return D_INVALID_SIZE;
		for (vm_offset_t pa = offset; pa < offset + size;
		    pa += PAGE_SIZE)
			if (vm_page_is_ram(pa))
				return D_INVALID_OPERATION;
		pp = phys_pager_make(offset, size, prot, false);
	}
	if (pp == NULL)
		return D_NO_MEMORY;
	*pager = ipc_kobject_make_send(pp->port);
	return D_SUCCESS;
}

/* One more user of the pager: a map entry over its memory, say. */
void
phys_pager_reference(struct phys_pager *pp)
{
	__atomic_add_fetch(&pp->refs, 1, __ATOMIC_RELAXED);
}

/* A user is done; the last one (port or mapping) frees the pager. */
void
phys_pager_release(struct phys_pager *pp)
{
	if (__atomic_sub_fetch(&pp->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(pp);
}

/*
 * The last send right to a pager went: no new mapping can be made from
 * it, so the port dies; mappings that took a reference keep the pager.
 */
void
phys_pager_no_senders(struct ipc_port *port, void *object)
{
	struct phys_pager *pp = object;

	ipc_kobject_port_destroy(port);
	phys_pager_release(pp);
}
