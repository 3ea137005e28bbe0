/*
 * virtio_blk.c -- the virtio-blk driver task, driven through the Mach
 * device interface: contents of a disk made by disk-image.py read back
 * byte-exact (single sectors, multi-buffer reads, the last sector, in
 * line), sectors written and read back (disk-image.py checks the image
 * after QEMU exits), the size, and hostile requests -- past the end,
 * unaligned, empty and huge sizes, wrong ports, malformed messages
 * carrying memory and rights -- refused with D_* or MIG errors while the
 * driver keeps serving and keeps nothing that was sent to it.
 */
#include <string.h>
#include <stdlib.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include <device/device.h>
#include <device/device_types.h>
#include "../libc/check.h"
#include "vblk_client.h"
#include "../userlib/drv_hostile.h"

#define SECTORS		16384	/* tests/drivers/disk-image.py */

static mach_port_t dev, master, driver;

static uint8_t
pattern_a(uint64_t s, unsigned i)
{
	return (s * 31 + i) % 251;
}

static uint8_t
pattern_b(uint64_t s, unsigned i)
{
	return (s * 17 + i * 3 + 0x5A) & 0xFF;
}

/* Does buf hold n sectors from `first' in pattern a (or b)? */
static int
holds(const char *buf, uint64_t first, unsigned n, int b)
{
	for (unsigned s = 0; s < n; s++)
		for (unsigned i = 0; i < 512; i++)
			if ((uint8_t)buf[s * 512 + i] != (b ?
			    pattern_b(first + s, i) : pattern_a(first + s, i)))
				return 0;
	return 1;
}

/* Read n sectors at first and compare; 1 when all is as expected. */
static int
read_check(uint64_t first, unsigned n, int b)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t count = 0;
	int ok;

	if (device_read(dev, 0, first, n * 512, &data, &count) != D_SUCCESS)
		return 0;
	ok = count == n * 512 && holds(data, first, n, b);
	vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return ok;
}

static int
write_b(uint64_t first, unsigned n)
{
	char *buf = malloc(n * 512);
	int written = 0;
	kern_return_t kr;

	for (unsigned s = 0; s < n; s++)
		for (unsigned i = 0; i < 512; i++)
			buf[s * 512 + i] = pattern_b(first + s, i);
	kr = device_write(dev, 0, first, buf, n * 512, &written);
	free(buf);
	return kr == D_SUCCESS && written == (int)n * 512;
}

static kern_return_t
read_err(recnum_t rec, int bytes)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t count = 0;
	kern_return_t kr = device_read(dev, 0, rec, bytes, &data, &count);

	if (kr == D_SUCCESS)
		vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return kr;
}

static kern_return_t
write_err(mach_port_t port, recnum_t rec, unsigned bytes)
{
	static char junk[8192];
	int written = -1;

	memset(junk, 0xEE, sizeof(junk));
	return device_write(port, 0, rec, junk, bytes, &written);
}

static void
test_reads(void)
{
	int st[DEV_STATUS_MAX];
	mach_msg_type_number_t n = DEV_STATUS_MAX;
	io_buf_ptr_inband_t in;
	mach_msg_type_number_t count = sizeof(in);

	CHECK(device_get_status(dev, DEV_GET_SIZE, st, &n) == D_SUCCESS);
	CHECK(n == 2 && st[0] == SECTORS * 512 && st[1] == 512);
	n = DEV_STATUS_MAX;
	CHECK(device_get_status(dev, DEV_GET_RECORDS, st, &n) == D_SUCCESS);
	CHECK(n == 2 && st[0] == SECTORS && st[1] == 512);
	n = 1;
	CHECK(device_get_status(dev, DEV_GET_SIZE, st, &n) == D_INVALID_SIZE);
	n = DEV_STATUS_MAX;
	CHECK(device_get_status(dev, 77, st, &n) == D_INVALID_OPERATION);
	CHECK(read_check(0, 1, 0));
	CHECK(read_check(0, 16, 0));
	CHECK(read_check(100, 2048, 0));	/* 1 MiB: eight buffers */
	CHECK(read_check(SECTORS - 1, 1, 0));
	CHECK(read_check(SECTORS - 300, 300, 0));
	CHECK(device_read_inband(dev, 0, 3, 100, in, &count) == D_SUCCESS);
	CHECK(count == 100);
	for (unsigned i = 0; i < 100 && count == 100; i++)
		if ((uint8_t)in[i] != pattern_a(3, i)) {
			CHECK(!"inband contents");
			break;
		}
}

static void
test_writes(void)
{
	CHECK(write_b(1000, 8));
	CHECK(read_check(1000, 8, 1));
	CHECK(read_check(992, 8, 0) && read_check(1008, 8, 0));
	CHECK(write_b(2000, 600));		/* 300 KiB: three buffers */
	CHECK(read_check(2000, 600, 1));
	CHECK(read_check(2600, 1, 0));
	CHECK(write_b(SECTORS - 1, 1));
	CHECK(read_check(SECTORS - 1, 1, 1));
}

static void
test_hostile_requests(void)
{
	io_buf_ptr_inband_t in;
	mach_msg_type_number_t count = sizeof(in);
	mach_port_t pager, d2;
	int written;

	CHECK(read_err(SECTORS, 512) == D_INVALID_RECNUM);
	CHECK(read_err(~0ull, 512) == D_INVALID_RECNUM);
	CHECK(read_err(1ull << 60, 512) == D_INVALID_RECNUM);
	CHECK(read_err(SECTORS - 1, 1024) == D_INVALID_SIZE);
	CHECK(read_err(0, 0) == D_INVALID_SIZE);
	CHECK(read_err(0, 511) == D_INVALID_SIZE);
	CHECK(read_err(0, 513) == D_INVALID_SIZE);
	CHECK(read_err(0, -512) == D_INVALID_SIZE);
	CHECK(read_err(0, 0x7ffffe00) == D_INVALID_SIZE);
	CHECK(read_err(0, 2 * 1024 * 1024) == D_INVALID_SIZE);
	CHECK(write_err(dev, SECTORS, 512) == D_INVALID_RECNUM);
	CHECK(write_err(dev, SECTORS - 1, 1024) == D_INVALID_SIZE);
	CHECK(write_err(dev, 5000, 100) == D_INVALID_SIZE);
	CHECK(write_err(dev, 5000, 0) == D_INVALID_SIZE);
	CHECK(write_err(dev, ~0ull - 1, 1024) == D_INVALID_RECNUM);
	CHECK(write_err(master, 5000, 512) == D_NO_SUCH_DEVICE);
	CHECK(device_write_inband(dev, 0, 5000, in, 1, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_read_inband(dev, 0, 0, 0, in, &count) == D_INVALID_SIZE);
	CHECK(device_read_inband(dev, 0, SECTORS, 4, in, &count) ==
	    D_INVALID_RECNUM);
	CHECK(device_read_inband(master, 0, 0, 4, in, &count) ==
	    D_NO_SUCH_DEVICE);
	CHECK(device_map(dev, VM_PROT_READ, 0, 4096, &pager, 0) ==
	    D_INVALID_OPERATION);
	CHECK(device_set_status(dev, DEV_GET_SIZE, (int[2]){ 0 }, 2) ==
	    D_INVALID_OPERATION);
	CHECK(device_open(master, D_READ, "vd1", &d2) == D_NO_SUCH_DEVICE);
	CHECK(device_open(master, D_READ, "", &d2) == D_NO_SUCH_DEVICE);
	CHECK(device_open(master, 0x100, "vd0", &d2) == D_INVALID_OPERATION);
	CHECK(device_open(dev, D_READ, "vd0", &d2) == D_INVALID_OPERATION);
	CHECK(device_intr_register(dev, 11, 0, master,
	    MACH_MSG_TYPE_COPY_SEND) == D_INVALID_OPERATION);
}

/* A hand-made request to the disk (drv_hostile.h), its int D_READ. */
static kern_return_t
raw_request(mach_msg_id_t id, int bad_types, int complex, int reply,
    vm_address_t ool)
{
	return drv_raw_request(dev, id, D_READ, bad_types, complex, reply,
	    ool);
}

static void
test_hostile_messages(void)
{
	vm_address_t ool = 0;
	unsigned names0, names1;
	uint64_t bytes0, bytes1;

	CHECK(vm_allocate(mach_task_self(), &ool, 1 << 20, TRUE) == 0);
	memset((void *)ool, 0x77, 1 << 20);
	drv_task_usage(driver, &names0, &bytes0);
	for (int i = 0; i < 16; i++) {
		CHECK(raw_request(2812, 0, 1, 1, ool) == MIG_BAD_ID);
		CHECK(raw_request(9999, 0, 1, 1, ool) == MIG_BAD_ID);
		CHECK(raw_request(2802, 0, 1, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2804, 1, 0, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2804, 0, 1, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2804, 0, 0, 0, ool) == MACH_MSG_SUCCESS);
		CHECK(raw_request(2804, 0, 0, 2, ool) == MACH_MSG_SUCCESS);
		CHECK(raw_request(2804, 0, 0, 1, ool) == D_SUCCESS);
		CHECK(raw_request(2802, 0, 1, 0, ool) == MACH_MSG_SUCCESS);
	}
	CHECK(read_check(0, 8, 0));	/* still serving */
	drv_task_usage(driver, &names1, &bytes1);
	printf("virtio_blk: driver holds %u names, maps %llu KiB "
	    "(before the hostile messages: %u, %llu KiB)\n", names1,
	    (unsigned long long)bytes1 / 1024, names0,
	    (unsigned long long)bytes0 / 1024);
	CHECK(names1 == names0);
	CHECK(bytes1 < bytes0 + 512 * 1024);	/* 32 MiB was sent */
	vm_deallocate(mach_task_self(), ool, 1 << 20);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		printf("TEST FAIL: usage: virtio_blk DRIVER-TASK\n");
		return 1;
	}
	driver = strtoul(argv[1], NULL, 10);
	master = vblk_client_start(driver);
	CHECK(master != MACH_PORT_NULL);
	if (master == MACH_PORT_NULL)
		return check_done();
	CHECK(device_open(master, D_READ | D_WRITE, "vd0", &dev) == D_SUCCESS);
	test_reads();
	test_hostile_requests();
	test_writes();
	test_hostile_messages();
	CHECK(read_check(0, 1, 0) && read_check(1000, 8, 1));
	return check_done();
}
