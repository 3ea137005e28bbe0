/*
 * pf_main.c -- the pfinet translator: start the engine with loopback,
 * read the configuration, hand the server port to the client named by
 * the boot script, and run the one event loop that owns the engine.
 *
 * The loop receives on one port set (the server port, every socket
 * port, the NIC's frame port) with a receive timeout that is the
 * engine's next timer (pfinet_poll_wait), so an idle pfinet sleeps in
 * mach_msg.  After each message it lets the engine deliver looped-back
 * packets and retries the operations of the sockets it woke.  The
 * machinery of translators/lib is used for objects (srv_port_create,
 * protected payloads, no-senders) but not its thread pool: the engine
 * has one owner, so this file is the pool of one, with a timeout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>

#include "pf.h"
#include "pf_config.h"

struct srv_bucket pf_bucket;
unsigned int pf_ntimer;
mach_msg_header_t *pf_current;
static int pf_reply_taken;

int	socket_server(mach_msg_header_t *, mach_msg_header_t *);
int	io_server(mach_msg_header_t *, mach_msg_header_t *);
int	fsys_server(mach_msg_header_t *, mach_msg_header_t *);

static uint32_t
pf_now_ms(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* xorshift64*, seeded from the clock: ports and sequence numbers. */
static uint32_t
pf_random(void *arg)
{
	static uint64_t x;
	struct timespec ts;

	(void)arg;
	if (x == 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		x = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^
		    0x9e3779b97f4a7c15ull;
	}
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	return (uint32_t)((x * 0x2545f4914f6cdd1dull) >> 32);
}

uint32_t
pf_random_u32(void)
{
	return pf_random(NULL);
}

static void
pf_log(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "pfinet: %s\n", msg);
}

static const struct pfinet_platform pf_platform = {
	pf_now_ms, pf_random, pf_log, NULL
};

/* Keep the current request's reply port (a deferred reply). */
int
pf_defer_current(struct srv_reply *r)
{
	mach_msg_header_t *in = pf_current;

	if (in == NULL || in->msgh_remote_port == MACH_PORT_NULL)
		return EINVAL;
	r->port = in->msgh_remote_port;
	r->poly = MACH_MSGH_BITS_REMOTE(in->msgh_bits);
	r->id = in->msgh_id + 100;
	pf_reply_taken = 1;
	return 0;
}

/* A handler is done with an in-array: free it if it came out of line. */
void
pf_free_in(const void *data, size_t size)
{
	const char *m = (const char *)pf_current, *d = data;

	if (size == 0 || (m != NULL && d >= m && d < m + SRV_MSG_MAX))
		return;
	vm_deallocate(mach_task_self(), (vm_address_t)d, size);
}

/* Every protocol pfinet speaks, in turn. */
static void
pf_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	if (!srv_msg_simple_ok(in))
		srv_msg_error_reply(in, out, MIG_BAD_ARGUMENTS);
	else if (!socket_server(in, out) && !io_server(in, out) &&
	    !fsys_server(in, out))
		srv_msg_error_reply(in, out, MIG_BAD_ID);
}

/* The bucket's demultiplexer (its pool is never run: see the header). */
static int
pf_demux_bucket(mach_msg_header_t *in, mach_msg_header_t *out)
{
	pf_demux(in, out);
	return 1;
}

/*
 * Handle one request, building the reply in out; 1 if out is to be
 * sent.  What the request carried and no handler kept is destroyed
 * (the rule of translators/lib's loop, docs/servers.md).
 */
static int
pf_handle(mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_header_t *reply = (mig_reply_header_t *)out;

	if (pf_nic_input(in))
		return 0;
	if (srv_port_notify(in)) {
		srv_msg_destroy(in);
		return 0;
	}
	pf_current = in;
	pf_reply_taken = 0;
	pf_demux(in, out);
	pf_current = NULL;
	if (reply->RetCode == MIG_NO_REPLY) {
		if (!pf_reply_taken)
			srv_msg_destroy(in);
		return 0;
	}
	if (reply->RetCode != KERN_SUCCESS) {
		in->msgh_remote_port = MACH_PORT_NULL;
		srv_msg_destroy(in);
	}
	if (out->msgh_remote_port == MACH_PORT_NULL) {
		srv_msg_destroy(out);
		return 0;
	}
	return 1;
}

/* Deliver looped-back packets and answer what they made ready. */
static void
pf_settle(void)
{
	for (;;) {
		pfinet_poll();
		if (!pf_woken_any())
			break;
		pf_run_woken();
	}
}

/* The loop: one request or one timer at a time, forever. */
static void
pf_serve(void)
{
	char *buf = malloc(2 * SRV_MSG_MAX);
	mach_msg_header_t *in = (void *)buf;
	mach_msg_header_t *out = (void *)(buf + SRV_MSG_MAX);
	mach_msg_return_t mr;
	uint32_t wait;

	if (buf == NULL)
		return;
	for (;;) {
		wait = pfinet_poll_wait();
		mr = mach_msg(in, MACH_RCV_MSG | (wait == UINT32_MAX ? 0 :
		    MACH_RCV_TIMEOUT), 0, SRV_MSG_MAX, pf_bucket.set,
		    wait == UINT32_MAX ? 0 : wait, MACH_PORT_NULL);
		if (mr == MACH_RCV_TIMED_OUT)
			pf_ntimer++;
		if (mr == MACH_MSG_SUCCESS && pf_handle(in, out) &&
		    mach_msg(out, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		    out->msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL) !=
		    MACH_MSG_SUCCESS)
			srv_msg_destroy(out);
		pf_settle();
	}
}

/*
 * Give a server port of its own to a task the boot script created, and
 * start it.
 */
static int
pf_hand_to(mach_port_t task)
{
	mach_port_t send;
	int error;

	error = pf_owner_new(&send);
	if (error != 0)
		return error;
	if (task_set_special_port(task, TASK_BOOTSTRAP_PORT, send) !=
	    KERN_SUCCESS)
		error = ESRCH;
	mach_port_deallocate(mach_task_self(), send);
	if (error == 0 && task_resume(task) != KERN_SUCCESS)
		error = ESRCH;
	return error;
}

int
main(int argc, char *argv[])
{
	mach_port_t clients[8];
	int nclients = 0, error, i;

	error = pfinet_init(&pf_platform);
	if (error == 0)
		error = srv_bucket_init(&pf_bucket, pf_demux_bucket, 1);
	if (error == 0)
		error = pf_config_args(argc, argv, clients, 8, &nclients);
	for (i = 0; error == 0 && i < nclients; i++)
		error = pf_hand_to(clients[i]);
	if (error != 0) {
		fprintf(stderr, "pfinet: cannot start: %s\n", strerror(error));
		return 1;
	}
	pf_serve();
	return 1;
}
