/*
 * time.c -- clocks and sleeping.  Real time is host_get_time64 and
 * monotonic time host_get_uptime64, both on the unprivileged host port
 * (resolution: the kernel's clock tick).  Sleeping is a receive with
 * MACH_RCV_TIMEOUT on a port no one sends to, repeated until the monotonic
 * clock says the time is up.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/times.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mach_host.h>
#include <mach/mach_traps.h>

#define NSEC	1000000000LL

/* The kernel clock for id, or EINVAL. */
static int
time_read(clockid_t id, time_value64_t *tv)
{
	mach_port_t host = mach_host_self();
	kern_return_t kr;

	if (id == CLOCK_REALTIME)
		kr = host_get_time64(host, tv);
	else if (id == CLOCK_MONOTONIC)
		kr = host_get_uptime64(host, tv);
	else
		kr = KERN_INVALID_ARGUMENT;
	mach_port_deallocate(mach_task_self(), host);
	return kr == KERN_SUCCESS ? 0 : EINVAL;
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	time_value64_t tv;
	int error;

	if ((error = time_read(id, &tv)) != 0) {
		errno = error;
		return -1;
	}
	ts->tv_sec = tv.seconds;
	ts->tv_nsec = tv.nanoseconds;
	return 0;
}

/* Both clocks advance one scheduler tick (10 ms) at a time. */
int
clock_getres(clockid_t id, struct timespec *res)
{
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	if (res != NULL) {
		res->tv_sec = 0;
		res->tv_nsec = 10000000;
	}
	return 0;
}

/* newlib's time() calls this through _gettimeofday_r. */
int
gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

/*
 * The kernel keeps no CPU time per task yet: times() and so clock() count
 * the time since the task was created, as if it had run all along.
 */
clock_t
times(struct tms *t)
{
	task_basic_info_data_t bi;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;
	struct timespec now;
	int64_t ms;

	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0 ||
	    task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&bi,
	    &n) != KERN_SUCCESS) {
		errno = EINVAL;
		return (clock_t)-1;
	}
	ms = (now.tv_sec - bi.creation_time64.seconds) * 1000 +
	    (now.tv_nsec - bi.creation_time64.nanoseconds) / 1000000;
	t->tms_utime = (clock_t)(ms * CLOCKS_PER_SEC / 1000);
	t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
	return (clock_t)(now.tv_sec * CLOCKS_PER_SEC +
	    now.tv_nsec / (NSEC / CLOCKS_PER_SEC));
}
