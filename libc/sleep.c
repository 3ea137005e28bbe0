/*
 * sleep.c -- nanosleep, usleep and sleep: a receive that times out on the
 * thread's MIG reply port, which nobody holds a send right to between RPCs
 * (and which pthread_exit gives back, so a sleeping thread leaves no port).  Mach's timeout is in
 * milliseconds and the clock ticks every 10 ms, so each wait is rounded
 * up and repeated until CLOCK_MONOTONIC has passed the deadline: a sleep
 * never ends early.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/mig_support.h>

#define NSEC	1000000000LL

static int64_t
sleep_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return -1;
	return (int64_t)ts.tv_sec * NSEC + ts.tv_nsec;
}

/* Wait up to ms milliseconds; 0, or an errno. */
static int
sleep_wait(uint32_t ms)
{
	mach_msg_header_t msg;
	mach_port_t port = mig_get_reply_port();
	mach_msg_return_t mr;

	if (port == MACH_PORT_NULL)
		return EAGAIN;
	mr = mach_msg(&msg, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(msg),
	    port, ms, MACH_PORT_NULL);
	return mr == MACH_RCV_TIMED_OUT ? 0 : EINTR;
}

/* Report the time left of an unfinished sleep. */
static int
sleep_interrupted(int error, int64_t left, struct timespec *rem)
{
	if (left < 0)
		left = 0;
	if (rem != NULL) {
		rem->tv_sec = left / NSEC;
		rem->tv_nsec = left % NSEC;
	}
	errno = error;
	return -1;
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
	int64_t deadline, left, now;
	int error;

	if (req == NULL || req->tv_sec < 0 || req->tv_nsec < 0 ||
	    req->tv_nsec >= NSEC) {
		errno = EINVAL;
		return -1;
	}
	if ((now = sleep_now()) < 0) {
		errno = EINVAL;
		return -1;
	}
	if (req->tv_sec > (INT64_MAX - now) / NSEC - 1)
		deadline = INT64_MAX;
	else
		deadline = now + req->tv_sec * NSEC + req->tv_nsec;
	while ((left = deadline - now) > 0) {
		left = (left + 999999) / 1000000;	/* ms, rounded up */
		error = sleep_wait(left > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)left);
		now = sleep_now();
		if (error != 0 || now < 0)
			return sleep_interrupted(error != 0 ? error : EINVAL,
			    now < 0 ? 0 : deadline - now, rem);
	}
	if (rem != NULL)
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

int
usleep(useconds_t us)
{
	struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

unsigned
sleep(unsigned s)
{
	struct timespec ts = { s, 0 }, rem = { 0, 0 };

	if (nanosleep(&ts, &rem) != 0)
		return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}
