/*
 * srv_test.c -- TEST ONLY (translators/defs/srvtest.defs): the object
 * and worker counts of a server, and a routine whose reply is deferred
 * until released, so tests can hold many requests open.  Answered only
 * after srv_test_enable (a server's --test option); otherwise MIG_BAD_ID.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <mach/mig_errors.h>

#include "srv.h"
#include "srvtest.h"
#include "srvtest_S.h"

int	srvtest_server(mach_msg_header_t *, mach_msg_header_t *);

#define SRV_TEST_MAX_BLOCKED	4096

static int srv_test_on;
static pthread_mutex_t srv_test_lock = PTHREAD_MUTEX_INITIALIZER;
static struct srv_reply srv_test_blocked[SRV_TEST_MAX_BLOCKED];
static int srv_test_nblocked;		/* [srv_test_lock] */

void
srv_test_enable(void)
{
	srv_test_on = 1;
}

int
srv_test_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return srv_test_on && srvtest_server(in, out);
}

kern_return_t
S_srvtest_counts(srv_port_t port, int32_t *objects, int32_t *peak_workers,
    int32_t *max_workers, int32_t *waiting)
{
	struct srv_bucket *b;

	if (port == NULL)
		return EOPNOTSUPP;
	b = port->bucket;
	*objects = srv_port_count();
	pthread_mutex_lock(&b->lock);
	*peak_workers = b->peak;
	*max_workers = b->max_workers;
	pthread_mutex_unlock(&b->lock);
	pthread_mutex_lock(&srv_test_lock);
	*waiting = srv_test_nblocked;
	pthread_mutex_unlock(&srv_test_lock);
	return 0;
}

kern_return_t
S_srvtest_block(srv_port_t port, mach_port_t reply)
{
	int error = 0;

	(void)reply;
	if (port == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&srv_test_lock);
	if (srv_test_nblocked == SRV_TEST_MAX_BLOCKED)
		error = EAGAIN;
	else
		error = srv_reply_defer(&srv_test_blocked[srv_test_nblocked]);
	if (error == 0)
		srv_test_nblocked++;
	pthread_mutex_unlock(&srv_test_lock);
	return error != 0 ? error : MIG_NO_REPLY;
}

kern_return_t
S_srvtest_release(srv_port_t port, int32_t *released)
{
	int i, n;

	if (port == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&srv_test_lock);
	n = srv_test_nblocked;
	for (i = 0; i < n; i++)
		srv_reply_now(&srv_test_blocked[i], KERN_SUCCESS);
	srv_test_nblocked = 0;
	pthread_mutex_unlock(&srv_test_lock);
	*released = n;
	return 0;
}

kern_return_t
S_srvtest_hold(srv_port_t port, int32_t msec)
{
	if (port == NULL)
		return EOPNOTSUPP;
	if (msec < 0 || msec > 1000)
		return EINVAL;
	usleep(msec * 1000);
	return 0;
}
