/*
 * net_test.c -- a network driver task (virtio-net or e1000, named by the
 * .boot file) driven through the device interface against QEMU's user
 * network: the status and address; ARP requests and ICMP echo requests
 * of 64 and 1514 bytes to the gateway 10.0.2.2, whose replies are
 * checked byte by byte; hostile requests (sizes, ports, flavours,
 * malformed messages carrying memory and rights) refused while the
 * driver keeps serving and keeps nothing; then 10,000 frames in a burst
 * and the driver still answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include "../libc/check.h"
#include "net_client.h"
#include "../userlib/drv_hostile.h"

#define BURST		10000

static mach_port_t master, driver;

/* Wait up to 5 s for a frame that passes ok(); 1 if one came. */
static int
await(int (*ok)(const uint8_t *, int, unsigned, uint16_t), unsigned want,
    uint16_t seq)
{
	static uint8_t f[1600];
	int len;

	for (int i = 0; i < 64; i++) {
		len = net_recv(f, 5000);
		if (len == 0)
			return 0;
		if (len > 0 && ok(f, len, want, seq))
			return 1;
	}
	return 0;
}

static int
arp_ok(const uint8_t *f, int len, unsigned want, uint16_t seq)
{
	(void)want, (void)seq;
	return arp_reply_ok(f, len);
}

static int
arp_round_trip(void)
{
	uint8_t f[64];
	unsigned n = arp_request(f);

	return net_send(f, n) == D_SUCCESS && await(arp_ok, 0, 0);
}

static int
echo_round_trip(unsigned len, uint16_t seq)
{
	static uint8_t f[1514];

	echo_request(f, len, seq);
	return net_send(f, len) == D_SUCCESS &&
	    await(echo_reply_ok, len, seq);
}

/* The same through net_write_frame (in line, any size). */
static int
echo_frame_round_trip(unsigned len, uint16_t seq)
{
	static uint8_t f[1514];

	echo_request(f, len, seq);
	return net_send_frame(f, len) == D_SUCCESS &&
	    await(echo_reply_ok, len, seq);
}

static void
test_status(void)
{
	struct net_status ns;
	int st[DEV_STATUS_MAX];
	mach_msg_type_number_t n = DEV_STATUS_MAX;

	CHECK(device_get_status(net_dev, NET_STATUS, st, &n) == D_SUCCESS);
	CHECK(n == NET_STATUS_COUNT);
	memcpy(&ns, st, sizeof(ns));
	CHECK(ns.min_packet_size == 14 && ns.max_packet_size == 1514);
	CHECK(ns.header_format == HDR_ETHERNET && ns.header_size == 14);
	CHECK(ns.address_size == 6 && (ns.flags & NET_IFF_RUNNING));
	printf("net_test: MAC %02x:%02x:%02x:%02x:%02x:%02x\n", my_mac[0],
	    my_mac[1], my_mac[2], my_mac[3], my_mac[4], my_mac[5]);
	CHECK(my_mac[0] == 0x52 && my_mac[1] == 0x54 && my_mac[2] == 0 &&
	    my_mac[3] == 0x12 && my_mac[4] == 0x34);
	n = 1;
	CHECK(device_get_status(net_dev, NET_ADDRESS, st, &n) ==
	    D_INVALID_SIZE);
	n = NET_STATUS_COUNT - 1;
	CHECK(device_get_status(net_dev, NET_STATUS, st, &n) ==
	    D_INVALID_SIZE);
	n = DEV_STATUS_MAX;
	CHECK(device_get_status(net_dev, DEV_GET_SIZE, st, &n) ==
	    D_INVALID_OPERATION);
	CHECK(device_get_status(master, NET_STATUS, st, &n) ==
	    D_NO_SUCH_DEVICE);
}

static void
test_round_trips(void)
{
	CHECK(arp_round_trip());
	CHECK(echo_round_trip(64, 1));
	CHECK(echo_round_trip(1514, 2));
	CHECK(echo_round_trip(42, 3));		/* no payload */
	CHECK(echo_round_trip(600, 4));
	CHECK(echo_frame_round_trip(1514, 5));
	CHECK(echo_frame_round_trip(64, 6));
}

static void
test_hostile_requests(void)
{
	static uint8_t big[8192];
	io_buf_ptr_inband_t in;
	mach_msg_type_number_t count = sizeof(in);
	io_buf_ptr_t data;
	mach_port_t d2, p;
	int written;

	memset(big, 0xEE, sizeof(big));
	CHECK(device_write_inband(net_dev, 0, 0, (char *)big, 13, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write_inband(net_dev, 0, 0, (char *)big, 0, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(net_dev, 0, 0, (char *)big, 1515, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(net_dev, 0, 0, (char *)big, 1518, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(net_dev, 0, 0, (char *)big, 8192, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(net_dev, 0, 0, (char *)big, 0, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(net_dev, 0, 0, (char *)big, 13, &written) ==
	    D_INVALID_SIZE);
	CHECK(device_write(master, 0, 0, (char *)big, 60, &written) ==
	    D_NO_SUCH_DEVICE);
	CHECK(device_write_inband(master, 0, 0, (char *)big, 60, &written) ==
	    D_NO_SUCH_DEVICE);
	CHECK(net_write_frame(net_dev, (char *)big, 13) == D_INVALID_SIZE);
	CHECK(net_write_frame(net_dev, (char *)big, 0) == D_INVALID_SIZE);
	CHECK(net_write_frame(master, (char *)big, 60) == D_NO_SUCH_DEVICE);
	CHECK(device_read(net_dev, 0, 0, 1514, &data, &count) ==
	    D_INVALID_OPERATION);
	CHECK(device_read_inband(net_dev, 0, 0, 60, in, &count) ==
	    D_INVALID_OPERATION);
	CHECK(device_map(net_dev, VM_PROT_READ, 0, 4096, &p, 0) ==
	    D_INVALID_OPERATION);
	CHECK(device_set_status(net_dev, NET_STATUS, (int[2]){ 0 }, 2) ==
	    D_INVALID_OPERATION);
	CHECK(device_open(master, D_READ, "eth1", &d2) == D_NO_SUCH_DEVICE);
	CHECK(device_open(master, D_READ, "", &d2) == D_NO_SUCH_DEVICE);
	CHECK(device_open(master, 0x100, "eth0", &d2) == D_INVALID_OPERATION);
	CHECK(device_open(net_dev, D_READ, "eth0", &d2) ==
	    D_INVALID_OPERATION);
	CHECK(device_intr_register(net_dev, 11, 0, master,
	    MACH_MSG_TYPE_COPY_SEND) == D_INVALID_OPERATION);
	CHECK(device_set_filter(net_dev, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND, 0, NULL, 0) == D_INVALID_OPERATION);
	CHECK(device_set_filter(net_dev, net_rcv, MACH_MSG_TYPE_MAKE_SEND, -1,
	    NULL, 0) == D_INVALID_OPERATION);
	CHECK(device_set_filter(net_dev, net_rcv, MACH_MSG_TYPE_MAKE_SEND, 256,
	    NULL, 0) == D_INVALID_OPERATION);
	CHECK(device_set_filter(master, net_rcv, MACH_MSG_TYPE_MAKE_SEND, 0,
	    NULL, 0) == D_NO_SUCH_DEVICE);
	CHECK(device_set_filter(net_dev, net_rcv, MACH_MSG_TYPE_MAKE_SEND, 0,
	    (filter_array_t)big, 129) != D_SUCCESS);
}

/* A hand-made request to eth0 with id (drv_hostile.h), its int 0,
 * awaiting the reply: its return code. */
static kern_return_t
raw_request(mach_msg_id_t id, int complex, vm_address_t ool)
{
	return drv_raw_request(net_dev, id, 0, 0, complex, 1, ool);
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
		CHECK(raw_request(2812, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2812, 0, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(9999, 1, ool) == MIG_BAD_ID);
		CHECK(raw_request(2802, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2803, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(2804, 0, ool) == D_INVALID_OPERATION);
		CHECK(raw_request(30700, 1, ool) == MIG_BAD_ARGUMENTS);
		CHECK(raw_request(30700, 0, ool) == MIG_BAD_ARGUMENTS);
	}
	CHECK(arp_round_trip());	/* still serving */
	drv_task_usage(driver, &names1, &bytes1);
	printf("net_test: driver holds %u names, maps %llu KiB (before the "
	    "hostile messages: %u, %llu KiB)\n", names1,
	    (unsigned long long)bytes1 / 1024, names0,
	    (unsigned long long)bytes0 / 1024);
	CHECK(names1 == names0);
	CHECK(bytes1 < bytes0 + 512 * 1024);	/* 96 MiB was sent */
	vm_deallocate(mach_task_self(), ool, 1 << 20);
}

/* A client that registers a port and dies: the driver drops the dead
 * right at the next frame, keeps serving, and takes a new port. */
static void
test_client_death(void)
{
	mach_port_t self = mach_task_self(), p2;
	unsigned names0, names1, names2;
	uint64_t bytes;
	uint8_t f[64];

	drv_task_usage(driver, &names0, &bytes);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p2) == 0);
	CHECK(device_set_filter(net_dev, p2, MACH_MSG_TYPE_MAKE_SEND, 0, NULL,
	    0) == D_SUCCESS);
	mach_port_mod_refs(self, p2, MACH_PORT_RIGHT_RECEIVE, -1);
	for (int i = 0; i < 3; i++)	/* their replies meet the dead port */
		CHECK(net_send(f, arp_request(f)) == D_SUCCESS);
	CHECK(arp_round_trip() == 0);	/* nobody gets frames now */
	drv_task_usage(driver, &names1, &bytes);
	CHECK(device_set_filter(net_dev, net_rcv, MACH_MSG_TYPE_MAKE_SEND, 0,
	    NULL, 0) == D_SUCCESS);
	CHECK(arp_round_trip());
	drv_task_usage(driver, &names2, &bytes);
	printf("net_test: driver names %u, %u with its client dead, %u\n",
	    names0, names1, names2);
	CHECK(names1 == names0 - 1 && names2 == names0);
}

/* 10,000 ARP requests back to back: every send succeeds; replies beyond
 * what our queue holds are dropped by the driver (it never waits), so
 * only their count's bounds are deterministic. */
static void
test_burst(void)
{
	uint8_t f[64], r[1600];
	unsigned n = arp_request(f), sent = 0, got = 0, bad = 0;
	unsigned names0, names1;
	uint64_t bytes0, bytes1;
	int len;

	drv_task_usage(driver, &names0, &bytes0);

	for (int i = 0; i < BURST; i++) {
		if (net_send(f, n) == D_SUCCESS)
			sent++;
		while ((len = net_recv(r, 0)) != 0)
			len > 0 && arp_reply_ok(r, len) ? got++ : bad++;
	}
	while ((len = net_recv(r, 1000)) != 0)
		len > 0 && arp_reply_ok(r, len) ? got++ : bad++;
	printf("net_test: burst of %d ARP requests: %u sent, %u replies, "
	    "%u other frames\n", BURST, sent, got, bad);
	CHECK(sent == BURST && got > 0 && got <= BURST);
	for (int i = 0; i < 100; i++)
		if (!echo_round_trip(1514, 100 + i)) {
			CHECK(!"echo after the burst");
			break;
		}
	CHECK(arp_round_trip());
	drv_task_usage(driver, &names1, &bytes1);
	CHECK(names1 == names0 && bytes1 == bytes0);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		printf("TEST FAIL: usage: net_test DRIVER-TASK\n");
		return 1;
	}
	driver = strtoul(argv[1], NULL, 10);
	master = net_client_start(driver);
	CHECK(master != MACH_PORT_NULL);
	if (master == MACH_PORT_NULL || net_client_open(master) != 0) {
		CHECK(!"open eth0");
		return check_done();
	}
	test_status();
	test_round_trips();
	test_hostile_requests();
	test_hostile_messages();
	test_round_trips();
	test_client_death();
	test_burst();
	return check_done();
}
