/*
 * srv_loop.c -- the request loop of translators/lib: a bucket's port set
 * served by a pool of at most max_workers threads.  Each worker sends
 * its reply and receives the next request in one mach_msg; a new worker
 * starts only when the last idle one takes a request and the pool is
 * below its bound.  A handler that must wait (a pipe's read, select)
 * keeps the reply (srv_reply_defer), returns MIG_NO_REPLY and answers
 * later, so waiting clients hold no thread.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>

#include "srv.h"

#define SRV_WORKER_STACK	(64 * 1024)

/* The request a worker is handling, for srv_reply_defer and friends. */
static __thread mach_msg_header_t *srv_current;
static __thread int srv_reply_taken;

static void *srv_worker(void *arg);

/* A new worker for b (b's lock held); ENOMEM or EAGAIN when it fails. */
static int
srv_spawn_locked(struct srv_bucket *b)
{
	pthread_attr_t attr;
	pthread_t t;
	int error;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SRV_WORKER_STACK);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	error = pthread_create(&t, &attr, srv_worker, b);
	pthread_attr_destroy(&attr);
	if (error == 0) {
		b->workers++;
		__atomic_add_fetch(&b->idle, 1, __ATOMIC_RELEASE);
		if (b->workers > b->peak)
			b->peak = b->workers;
	}
	return error;
}

/*
 * A worker took a request: if none is left waiting, add one.  The idle
 * count changes atomically, so a request costs no lock unless it took
 * the last idle worker; the decision to spawn is made again under the
 * lock (another worker may have come back meanwhile).
 */
static void
srv_worker_busy(struct srv_bucket *b)
{
	if (__atomic_sub_fetch(&b->idle, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	pthread_mutex_lock(&b->lock);
	if (__atomic_load_n(&b->idle, __ATOMIC_ACQUIRE) == 0 &&
	    b->workers < b->max_workers)
		srv_spawn_locked(b);
	pthread_mutex_unlock(&b->lock);
}

static void
srv_worker_idle(struct srv_bucket *b)
{
	__atomic_add_fetch(&b->idle, 1, __ATOMIC_RELEASE);
}

/*
 * Handle the request in `in`, building the reply in `out`.  Returns 1 if
 * out is to be sent.  Whatever of the request the handler did not keep
 * (a failed request's rights and memory, a reply port nobody answers) is
 * destroyed here; the request port is the object's own and stays.
 */
static int
srv_handle(struct srv_bucket *b, mach_msg_header_t *in,
    mach_msg_header_t *out)
{
	mig_reply_header_t *reply = (mig_reply_header_t *)out;

	srv_current = in;
	srv_reply_taken = 0;
	if (srv_port_notify(in)) {
		srv_msg_destroy(in);
		return 0;
	}
	if (srv_msg_simple_ok(in))
		b->demux(in, out);
	else
		srv_msg_error_reply(in, out, MIG_BAD_ARGUMENTS);
	srv_current = NULL;
	if (reply->RetCode == MIG_NO_REPLY) {
		if (!srv_reply_taken)
			srv_msg_destroy(in);	/* a handler's bug: no leak */
		return 0;
	}
	if (reply->RetCode != KERN_SUCCESS) {
		in->msgh_remote_port = MACH_PORT_NULL;	/* answers it */
		srv_msg_destroy(in);
	}
	if (out->msgh_remote_port == MACH_PORT_NULL) {
		srv_msg_destroy(out);	/* no one to answer */
		return 0;
	}
	return 1;
}

/*
 * Send the reply in *outp (if send) and receive the next request, in one
 * trap.  The request lands in the same buffer, so the two are swapped.
 * A reply that cannot be delivered at once (a dead reply port, a full
 * queue behind a send right) is destroyed: no client can hold a worker.
 */
static mach_msg_return_t
srv_send_receive(struct srv_bucket *b, mach_msg_header_t **inp,
    mach_msg_header_t **outp, int send)
{
	mach_msg_header_t *out = *outp;
	mach_msg_return_t mr;

	if (send) {
		mr = mach_msg(out, MACH_SEND_MSG | MACH_SEND_TIMEOUT |
		    MACH_RCV_MSG, out->msgh_size, SRV_MSG_MAX, b->set, 0,
		    MACH_PORT_NULL);
		if ((mr & 0xffffc000) != 0x10000000) {	/* not a send error */
			*outp = *inp;
			*inp = out;
			return mr;
		}
		srv_msg_destroy(out);
	}
	return mach_msg(*inp, MACH_RCV_MSG, 0, SRV_MSG_MAX, b->set, 0,
	    MACH_PORT_NULL);
}

/* One worker: receive, handle, reply-and-receive, forever. */
static void
srv_work(struct srv_bucket *b, mach_msg_header_t *in, mach_msg_header_t *out)
{
	int send = 0;

	for (;;) {
		if (srv_send_receive(b, &in, &out, send) != MACH_MSG_SUCCESS) {
			send = 0;	/* too large: the kernel dropped it */
			continue;
		}
		srv_worker_busy(b);
		send = srv_handle(b, in, out);
		srv_worker_idle(b);
	}
}

static void *
srv_worker(void *arg)
{
	char *buf = malloc(2 * SRV_MSG_MAX);

	if (buf != NULL)
		srv_work(arg, (void *)buf, (void *)(buf + SRV_MSG_MAX));
	pthread_mutex_lock(&((struct srv_bucket *)arg)->lock);
	((struct srv_bucket *)arg)->workers--;
	__atomic_sub_fetch(&((struct srv_bucket *)arg)->idle, 1,
	    __ATOMIC_RELEASE);
	pthread_mutex_unlock(&((struct srv_bucket *)arg)->lock);
	return NULL;
}

/* Start b's first worker and return.  EAGAIN, ENOMEM. */
int
srv_bucket_start(struct srv_bucket *b)
{
	int error;

	pthread_mutex_lock(&b->lock);
	error = b->workers == 0 ? srv_spawn_locked(b) : 0;
	pthread_mutex_unlock(&b->lock);
	return error;
}

/* Serve b forever: the calling thread becomes one of its workers. */
void
srv_bucket_run(struct srv_bucket *b)
{
	pthread_mutex_lock(&b->lock);
	b->workers++;
	__atomic_add_fetch(&b->idle, 1, __ATOMIC_RELEASE);
	if (b->workers > b->peak)
		b->peak = b->workers;
	pthread_mutex_unlock(&b->lock);
	srv_worker(b);
}

/*
 * Inside a handler: keep the request's reply port in r, to answer later
 * with a MIG reply stub (io_read_reply ...) or srv_reply_now; the
 * handler then returns MIG_NO_REPLY.  EINVAL: the request has no reply
 * port (nobody waits; answer normally) or this is not a handler.
 */
int
srv_reply_defer(struct srv_reply *r)
{
	mach_msg_header_t *in = srv_current;

	if (in == NULL || in->msgh_remote_port == MACH_PORT_NULL)
		return EINVAL;
	r->port = in->msgh_remote_port;
	r->poly = MACH_MSGH_BITS_REMOTE(in->msgh_bits);
	r->id = in->msgh_id + 100;
	srv_reply_taken = 1;
	return 0;
}

/*
 * Answer a deferred reply with only a return code (an error, or a
 * routine without out arguments).  Never waits; the reply port is used
 * up either way.  Returns the mach_msg code.
 */
int
srv_reply_now(struct srv_reply *r, kern_return_t code)
{
	mig_reply_header_t m;
	mach_msg_return_t mr;

	if (r->port == MACH_PORT_NULL)
		return EINVAL;
	memset(&m, 0, sizeof(m));
	m.Head.msgh_bits = MACH_MSGH_BITS(r->poly, 0);
	m.Head.msgh_size = sizeof(m);
	m.Head.msgh_remote_port = r->port;
	m.Head.msgh_id = r->id;
	m.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.RetCodeType.msgt_size = 32;
	m.RetCodeType.msgt_number = 1;
	m.RetCodeType.msgt_inline = 1;
	m.RetCode = code;
	mr = mach_msg(&m.Head, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m),
	    0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		mach_port_deallocate(mach_task_self(), r->port);
	r->port = MACH_PORT_NULL;
	return mr;
}

/* The request the calling handler serves (NULL outside a handler). */
const mach_msg_header_t *
srv_request(void)
{
	return srv_current;
}

/*
 * A handler is done with an in-array MIG gave it: free it if it came out
 * of line (outside the request buffer), as the handler owns that memory.
 */
void
srv_free_in_data(const void *data, size_t size)
{
	const char *m = (const char *)srv_current, *d = data;

	if (size == 0 || (m != NULL && d >= m && d < m + SRV_MSG_MAX))
		return;
	vm_deallocate(mach_task_self(), (vm_address_t)d, size);
}
