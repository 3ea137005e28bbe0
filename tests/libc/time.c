/*
 * time.c -- clocks and sleeping: CLOCK_MONOTONIC advances by at least the
 * time slept across nanosleep(50 ms), usleep and sleep; the real-time
 * clock, time() and gettimeofday agree and give a plausible date; bad
 * arguments get EINVAL.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include "check.h"

static int64_t
ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		return -1;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
check_sleep(void)
{
	struct timespec req = { 0, 50000000 }, rem = { 9, 9 };
	int64_t t0, t1, t2, t3;

	t0 = ns(CLOCK_MONOTONIC);
	CHECK(nanosleep(&req, &rem) == 0 && rem.tv_sec == 0 &&
	    rem.tv_nsec == 0);
	t1 = ns(CLOCK_MONOTONIC);
	CHECK(usleep(30000) == 0);
	t2 = ns(CLOCK_MONOTONIC);
	CHECK(sleep(1) == 0);
	t3 = ns(CLOCK_MONOTONIC);
	printf("time: nanosleep(50 ms) took %lld ms, usleep(30 ms) %lld ms, "
	    "sleep(1) %lld ms\n", (long long)(t1 - t0) / 1000000,
	    (long long)(t2 - t1) / 1000000, (long long)(t3 - t2) / 1000000);
	CHECK(t0 >= 0 && t1 - t0 >= 50000000 && t1 - t0 < 2000000000);
	CHECK(t2 - t1 >= 30000000);
	CHECK(t3 - t2 >= 1000000000);
	req.tv_nsec = 1000000000;
	errno = 0;
	CHECK(nanosleep(&req, NULL) == -1 && errno == EINVAL);
}

static void
check_realtime(void)
{
	struct timespec ts, res;
	struct timeval tv;
	time_t t;
	struct tm tm;

	CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0);
	CHECK(gettimeofday(&tv, NULL) == 0);
	t = time(NULL);
	/* 2020-01-01 to 2100-01-01. */
	CHECK(ts.tv_sec > 1577836800 && ts.tv_sec < 4102444800LL);
	CHECK(t >= ts.tv_sec && t - ts.tv_sec <= 2);
	CHECK(tv.tv_sec >= ts.tv_sec && tv.tv_sec - ts.tv_sec <= 2);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	gmtime_r(&t, &tm);
	printf("time: realtime %04d-%02d-%02d %02d:%02d:%02d UTC\n",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
	    res.tv_nsec > 0);
	errno = 0;
	CHECK(clock_gettime((clockid_t)77, &ts) == -1 && errno == EINVAL);
	CHECK(clock() != (clock_t)-1);
}

int
main(void)
{
	check_realtime();
	check_sleep();
	return check_done();
}
