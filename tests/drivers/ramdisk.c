/*
 * ramdisk.c -- the kernel's $(ramdisk-create): the boot module before us
 * (an ext2 image made by mke2fs -d) is the device named in argv[1]
 * (${rd}, "rd0"); device_open on the kernel's master gives a block device
 * whose superblock magic reads back, whose size is the image's (argv[2]),
 * which takes writes and refuses every request not wholly on it.
 */
#include <string.h>
#include <stdlib.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <device/device.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include "../libc/check.h"

#define EXT2_MAGIC_AT	1080

static mach_port_t rd;

static kern_return_t
read_some(recnum_t rec, int bytes, char *copy)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t count = 0;
	kern_return_t kr = device_read(rd, 0, rec, bytes, &data, &count);

	if (kr != D_SUCCESS)
		return kr;
	if (count != (mach_msg_type_number_t)bytes)
		kr = D_IO_ERROR;
	else if (copy != NULL)
		memcpy(copy, data, count);
	vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return kr;
}

static void
test_refused(int nrec)
{
	char junk[1024] = { 0 };
	io_buf_ptr_inband_t in;
	mach_msg_type_number_t n = sizeof(in);
	int written;

	CHECK(read_some(nrec, 512, NULL) == D_INVALID_RECNUM);
	CHECK(read_some(~0ull, 512, NULL) == D_INVALID_RECNUM);
	CHECK(read_some(nrec - 1, 1024, NULL) == D_INVALID_SIZE);
	CHECK(read_some(0, 0, NULL) == D_INVALID_SIZE);
	CHECK(read_some(0, 100, NULL) == D_INVALID_SIZE);
	CHECK(read_some(0, -512, NULL) == D_INVALID_SIZE);
	CHECK(read_some(0, 0x7ffffe00, NULL) == D_INVALID_SIZE);
	CHECK(device_write(rd, 0, nrec, junk, 512, &written) ==
	    D_INVALID_RECNUM);
	CHECK(device_write(rd, 0, nrec - 1, junk, 1024, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(rd, 0, 0, junk, 100, &written) == D_INVALID_SIZE);
	CHECK(device_write_inband(rd, 0, 0, in, 1, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_read_inband(rd, 0, nrec, 4, in, &n) == D_INVALID_RECNUM);
	CHECK(device_read_inband(rd, 0, 0, 129, in, &n) == D_INVALID_SIZE);
}

int
main(int argc, char **argv)
{
	mach_port_t d2;
	int st[DEV_STATUS_MAX], written, nrec;
	mach_msg_type_number_t n = DEV_STATUS_MAX;
	char sb[1024], back[512], pat[512];
	io_buf_ptr_inband_t in;

	if (argc != 3 || __whorl_device_master == MACH_PORT_NULL) {
		printf("TEST FAIL: usage: ramdisk RDNAME BYTES, with ports\n");
		return 1;
	}
	printf("ramdisk: the boot script named it %s\n", argv[1]);
	CHECK(strcmp(argv[1], "rd0") == 0);
	CHECK(device_open(__whorl_device_master, D_READ | D_WRITE, "rd1",
	    &d2) == D_NO_SUCH_DEVICE);
	CHECK(device_open(__whorl_device_master, D_READ | D_WRITE, argv[1],
	    &rd) == D_SUCCESS);
	CHECK(device_get_status(rd, DEV_GET_SIZE, st, &n) == D_SUCCESS);
	CHECK(n == 2 && st[0] == atoi(argv[2]) && st[1] == 512);
	n = DEV_STATUS_MAX;
	CHECK(device_get_status(rd, DEV_GET_RECORDS, st, &n) == D_SUCCESS);
	nrec = st[0];
	CHECK(nrec * 512 == atoi(argv[2]));
	CHECK(read_some(0, 1024 * 2, NULL) == D_SUCCESS);
	CHECK(read_some(2, 1024, sb) == D_SUCCESS);	/* the superblock */
	CHECK((uint8_t)sb[EXT2_MAGIC_AT - 1024] == 0x53 &&
	    (uint8_t)sb[EXT2_MAGIC_AT - 1024 + 1] == 0xEF);
	printf("ramdisk: ext2 magic %#x at offset %d\n",
	    (uint8_t)sb[57] << 8 | (uint8_t)sb[56], EXT2_MAGIC_AT);
	n = sizeof(in);
	CHECK(device_read_inband(rd, 0, 2, 64, in, &n) == D_SUCCESS &&
	    n == 64 && memcmp(in, sb, 64) == 0);
	test_refused(nrec);
	for (int i = 0; i < 512; i++)
		pat[i] = i * 7;
	CHECK(device_write(rd, 0, nrec - 1, pat, 512, &written) == D_SUCCESS &&
	    written == 512);
	CHECK(read_some(nrec - 1, 512, back) == D_SUCCESS &&
	    memcmp(back, pat, 512) == 0);
	CHECK(read_some(2, 512, back) == D_SUCCESS && memcmp(back, sb, 512) ==
	    0);
	return check_done();
}
