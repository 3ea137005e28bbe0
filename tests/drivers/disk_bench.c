/*
 * disk_bench.c -- throughput of the virtio-blk driver (make bench, through
 * tests/bench-disk): the whole disk read, then written, sequentially in
 * requests of 128 KiB, then 4 KiB reads one at a time; timed by the
 * guest's CLOCK_MONOTONIC.  Under -icount shift=0 one guest nanosecond is
 * one instruction, so the time per 4 KiB read is then its instruction
 * count (time the CPU sat idle waiting for QEMU's I/O thread included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach/mach.h>
#include <device/device.h>
#include <device/device_types.h>
#include "vblk_client.h"

#define BIG		(128 * 1024)
#define SMALL		4096
#define SMALL_READS	10000

static mach_port_t dev;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
read_at(uint64_t rec, int bytes)
{
	io_buf_ptr_t data;
	mach_msg_type_number_t count = 0;

	if (device_read(dev, 0, rec, bytes, &data, &count) != D_SUCCESS ||
	    count != (mach_msg_type_number_t)bytes)
		return -1;
	vm_deallocate(mach_task_self(), (vm_address_t)data, count);
	return 0;
}

int
main(int argc, char **argv)
{
	int st[DEV_STATUS_MAX], written;
	mach_msg_type_number_t n = DEV_STATUS_MAX;
	uint64_t nrec, rec;
	char *buf = malloc(BIG);
	double t0, t;

	if (argc != 2 || buf == NULL)
		return 1;
	if (device_open(vblk_client_start(strtoul(argv[1], NULL, 10)),
	    D_READ | D_WRITE, "vd0", &dev) != D_SUCCESS ||
	    device_get_status(dev, DEV_GET_RECORDS, st, &n) != D_SUCCESS) {
		printf("TEST FAIL: no disk\n");
		return 1;
	}
	nrec = st[0];
	memset(buf, 0x3c, BIG);
	t0 = now();
	for (rec = 0; rec + BIG / 512 <= nrec; rec += BIG / 512)
		if (read_at(rec, BIG) != 0)
			return printf("TEST FAIL: read\n"), 1;
	t = now() - t0;
	printf("disk_bench: sequential read, 128 KiB requests: %.1f MB/s\n",
	    rec * 512 / t / 1e6);
	t0 = now();
	for (rec = 0; rec + BIG / 512 <= nrec; rec += BIG / 512)
		if (device_write(dev, 0, rec, buf, BIG, &written) != D_SUCCESS)
			return printf("TEST FAIL: write\n"), 1;
	t = now() - t0;
	printf("disk_bench: sequential write, 128 KiB requests: %.1f MB/s\n",
	    rec * 512 / t / 1e6);
	t0 = now();
	for (rec = 0; rec < SMALL_READS * (SMALL / 512); rec += SMALL / 512)
		if (read_at(rec % nrec, SMALL) != 0)
			return printf("TEST FAIL: read\n"), 1;
	t = now() - t0;
	printf("disk_bench: 4 KiB reads: %.0f ns each, %.1f MB/s\n",
	    t * 1e9 / SMALL_READS, SMALL_READS * SMALL / t / 1e6);
	printf("TEST PASS\n");
	return 0;
}
