/*
 * net_bench.c -- frame rates through a network driver task (make bench,
 * through tests/bench-net): frames sent one per device_write (64 bytes
 * in line, 1514 out of line) to a MAC nobody has, with an ethertype
 * slirp ignores; then round trips, an ARP request and its reply (64
 * bytes each way) and an ICMP echo of 1514 bytes and its reply.  Timed
 * by the guest's CLOCK_MONOTONIC; under -icount shift=0 one guest
 * nanosecond is one instruction, so ns per frame is instructions per
 * frame (idle time waiting for QEMU's network thread included).  Requests
 * the driver refuses at once measure the message part of a send alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <mach/mig_errors.h>
#include <mach/mig_support.h>
#include "net_client.h"

#define TX_FRAMES	50000
#define ARP_TRIPS	10000
#define ECHO_TRIPS	5000

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
report(const char *what, unsigned n, double t)
{
	printf("net_bench: %s: %u in %.2f s: %.0f/s, %.0f ns each\n", what, n,
	    t, n / t, t * 1e9 / n);
}

/* n frames of len bytes to 02:00:00:00:00:01, ethertype 0x88b5, by
 * device_write(_inband) or, if frame, net_write_frame. */
static int
bench_tx(unsigned len, int frame, const char *what)
{
	static uint8_t f[1514];
	double t0;

	memset(f, 0x5A, len);
	memcpy(f, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(f + 6, my_mac, 6);
	f[12] = 0x88, f[13] = 0xb5;
	t0 = now();
	for (unsigned i = 0; i < TX_FRAMES; i++)
		if ((frame ? net_send_frame(f, len) : net_send(f, len)) !=
		    D_SUCCESS)
			return -1;
	report(what, TX_FRAMES, now() - t0);
	return 0;
}

/* The message alone: n requests of len bytes the driver refuses after
 * its first check (one byte too many), in line or out of line. */
static int
bench_refused(unsigned len, const char *what)
{
	static uint8_t f[1515];
	double t0 = now();
	int written;

	for (unsigned i = 0; i < TX_FRAMES; i++)
		if ((len <= IO_INBAND_MAX ? device_write_inband(net_dev, 0, 0,
		    (const char *)f, len, &written) : device_write(net_dev, 0,
		    0, (io_buf_ptr_t)f, len, &written)) != D_INVALID_SIZE)
			return -1;
	report(what, TX_FRAMES, now() - t0);
	return 0;
}

/* The message alone for a frame in line: n requests carrying 1514
 * bytes in line with an id the driver does not serve (MIG_BAD_ID). */
static int
bench_inline_rpc(void)
{
	static struct {
		mach_msg_header_t	h;
		mach_msg_type_t		t;
		char			data[1520];
	} m;
	mach_port_t rp = mig_get_reply_port();
	double t0 = now();

	for (unsigned i = 0; i < TX_FRAMES; i++) {
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = net_dev;
		m.h.msgh_local_port = rp;
		m.h.msgh_id = 2899;
		m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE,
		    .msgt_size = 8, .msgt_number = 1514, .msgt_inline = 1 };
		if (mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m),
		    sizeof(m), rp, 0, MACH_PORT_NULL) != 0 ||
		    m.h.msgh_id != 2999 ||
		    ((mig_reply_header_t *)&m)->RetCode != MIG_BAD_ID)
			return -1;
	}
	report("refused 1514-byte message in line (the RPC)", TX_FRAMES,
	    now() - t0);
	return 0;
}

/* Send f, then wait for the reply ok() accepts (skipping others). */
static int
trip(const uint8_t *f, unsigned len, uint16_t seq)
{
	static uint8_t r[1600];
	int n;

	if ((len == 60 ? net_send(f, len) : net_send_frame(f, len)) !=
	    D_SUCCESS)
		return -1;
	for (int i = 0; i < 16; i++) {
		if ((n = net_recv(r, 5000)) == 0)
			return -1;
		if (n > 0 && (len == 60 ? arp_reply_ok(r, n) :
		    echo_reply_ok(r, n, len, seq)))
			return 0;
	}
	return -1;
}

static int
bench_trips(void)
{
	static uint8_t f[1514];
	unsigned n = arp_request(f);
	double t0 = now();

	for (unsigned i = 0; i < ARP_TRIPS; i++)
		if (trip(f, n, 0) != 0)
			return -1;
	report("ARP round trips, 64-byte frames", ARP_TRIPS, now() - t0);
	t0 = now();
	for (unsigned i = 0; i < ECHO_TRIPS; i++) {
		echo_request(f, 1514, i);
		if (trip(f, 1514, i) != 0)
			return -1;
	}
	report("ICMP echo round trips, 1514-byte frames (net_write_frame)",
	    ECHO_TRIPS, now() - t0);
	return 0;
}

int
main(int argc, char **argv)
{
	mach_port_t master;

	if (argc != 2)
		return 1;
	master = net_client_start(strtoul(argv[1], NULL, 10));
	if (master == MACH_PORT_NULL || net_client_open(master) != 0) {
		printf("TEST FAIL: no eth0\n");
		return 1;
	}
	if (bench_tx(64, 0, "TX, 64-byte frames, device_write_inband") != 0 ||
	    bench_tx(1514, 0, "TX, 1514-byte frames, device_write") != 0 ||
	    bench_tx(64, 1, "TX, 64-byte frames, net_write_frame") != 0 ||
	    bench_tx(1514, 1, "TX, 1514-byte frames, net_write_frame") != 0 ||
	    bench_refused(13, "refused 13-byte request in line (the RPC)") !=
	    0 || bench_refused(1515, "refused 1515-byte request out of line "
	    "(the RPC)") != 0 || bench_inline_rpc() != 0 ||
	    bench_trips() != 0) {
		printf("TEST FAIL: a frame was refused or lost\n");
		return 1;
	}
	printf("TEST PASS\n");
	return 0;
}
