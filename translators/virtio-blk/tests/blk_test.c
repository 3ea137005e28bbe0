/*
 * blk_test.c -- host unit tests of the virtio-blk driver's pure parts:
 * the request checks (blkreq.c) against hostile values, and the legacy
 * virtqueue (vring.c): layout sizes, chains posted to the available ring,
 * used entries taken back, and a device that names a bad chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "blkreq.h"
#include "vring.h"
#include "../../../tests/userlib/host_check.h"

static void
test_checks(void)
{
	const uint64_t n = 2048, max = 1 << 20;

	CHECK(blk_check(n, 0, 512, max) == BLK_OK);
	CHECK(blk_check(n, 2047, 512, max) == BLK_OK);
	CHECK(blk_check(n, 0, n * 512, 1 << 21) == BLK_OK);
	CHECK(blk_check(n, 2048, 512, max) == BLK_INVALID_RECNUM);
	CHECK(blk_check(n, UINT64_MAX, 512, max) == BLK_INVALID_RECNUM);
	CHECK(blk_check(n, 2047, 1024, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 1, n * 512, 1 << 21) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, 0, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, -512, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, 511, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, 513, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, max + 512, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(n, 0, INT64_MIN, max) == BLK_INVALID_SIZE);
	CHECK(blk_check(0, 0, 512, max) == BLK_INVALID_RECNUM);
	CHECK(blk_check(UINT64_MAX, UINT64_MAX - 1, 1024, max) ==
	    BLK_INVALID_SIZE);
	CHECK(blk_check_prefix(n, 5, 4, 128) == BLK_OK);
	CHECK(blk_check_prefix(n, 5, 128, 128) == BLK_OK);
	CHECK(blk_check_prefix(n, 5, 129, 128) == BLK_INVALID_SIZE);
	CHECK(blk_check_prefix(n, 5, 0, 128) == BLK_INVALID_SIZE);
	CHECK(blk_check_prefix(n, 5, -1, 128) == BLK_INVALID_SIZE);
	CHECK(blk_check_prefix(n, n, 4, 128) == BLK_INVALID_RECNUM);
}

/* The device's side: use the chain at avail slot i, writing len bytes. */
static void
device_use(struct vring *vr, uint16_t id, uint32_t len)
{
	vr->used->ring[vr->used->idx % vr->num].id = id;
	vr->used->ring[vr->used->idx % vr->num].len = len;
	vr->used->idx++;
}

static void
test_vring(void)
{
	struct vring vr;
	struct vring_buf b[3] = {
		{ 0x1000, 16, false }, { 0x20000, 4096, true }, { 0x1010, 1, true },
	};
	void *mem;
	uint32_t len;
	int head, h2, got;

	CHECK(vring_size(256) == 12288);	/* QEMU's legacy queue */
	CHECK(vring_size(128) == 8192);
	CHECK(vring_size(0) == 0 && vring_size(100) == 0 &&
	    vring_size(65536) == 0);
	mem = aligned_alloc(4096, vring_size(8));
	memset(mem, 0, vring_size(8));
	CHECK(!vring_init(&vr, 8, (char *)mem + 8));	/* misaligned */
	CHECK(vring_init(&vr, 8, mem));
	CHECK((char *)vr.used == (char *)mem + 4096);
	CHECK(!vring_take_used(&vr, &got, &len) && got == -1);
	head = vring_post(&vr, b, 3);
	CHECK(head == 0 && vr.avail->idx == 1 && vr.avail->ring[0] == 0);
	CHECK(vr.desc[0].addr == 0x1000 && vr.desc[0].flags == VRING_DESC_F_NEXT);
	CHECK(vr.desc[1].flags == (VRING_DESC_F_NEXT | VRING_DESC_F_WRITE));
	CHECK(vr.desc[2].flags == VRING_DESC_F_WRITE && vr.desc[2].len == 1);
	CHECK(vr.nfree == 5);
	h2 = vring_post(&vr, b, 3);
	CHECK(h2 == 3 && vr.nfree == 2);
	CHECK(vring_post(&vr, b, 3) == -1);		/* full */
	CHECK(vring_post(&vr, b, 0) == -1);
	CHECK(vring_post(&vr, b, VRING_MAX_CHAIN + 1) == -1);
	device_use(&vr, head, 4097);
	CHECK(vring_take_used(&vr, &got, &len) && got == head && len == 4097);
	CHECK(vr.nfree == 5);
	CHECK(!vring_take_used(&vr, &got, &len));
	CHECK(!vr.bad);
	device_use(&vr, 200, 1);			/* no such descriptor */
	CHECK(!vring_take_used(&vr, &got, &len) && got == -1 && vr.bad);
	device_use(&vr, h2, 1);
	CHECK(vring_take_used(&vr, &got, &len) && got == h2 && vr.nfree == 8);
	/* Many rounds: the free list and the indices wrap. */
	for (int i = 0; i < 70000; i++) {
		head = vring_post(&vr, b, 3);
		device_use(&vr, head, 1);
		if (!vring_take_used(&vr, &got, &len) || got != head) {
			CHECK(!"round trip");
			break;
		}
	}
	CHECK(vr.nfree == 8);
	free(mem);
}

int
main(void)
{
	test_checks();
	test_vring();
	if (failures != 0) {
		printf("blk_test: %d checks failed\n", failures);
		return 1;
	}
	printf("blk_test: all checks passed\n");
	return 0;
}
