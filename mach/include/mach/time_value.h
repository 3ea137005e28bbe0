/*
 * time_value.h -- times in the kernel interfaces: time_value_t (seconds
 * and microseconds, 16 bytes), time_value64_t (seconds and nanoseconds),
 * and the mapped clock page.
 */
#ifndef _MACH_TIME_VALUE_H_
#define _MACH_TIME_VALUE_H_

#include <mach/machine/vm_types.h>

struct time_value {
	long_integer_t	seconds;
	integer_t	microseconds;
};
typedef struct time_value	time_value_t;

/* The form in messages; the same layout, kernel or user. */
typedef struct time_value	rpc_time_value_t;

struct time_value64 {
	int64_t		seconds;
	int64_t		nanoseconds;
};
typedef struct time_value64	time_value64_t;

#define TIME_MICROS_MAX		1000000
#define TIME_NANOS_MAX		1000000000

/*
 * The mapped clock (a page the kernel updates): a reader retries while
 * check_seconds differs from seconds (check_seconds64 for time_value).
 */
typedef struct mapped_time_value {
	integer_t		seconds;
	integer_t		microseconds;
	integer_t		check_seconds;
	struct time_value64	time_value;
	int64_t			check_seconds64;
	struct time_value64	uptime_value;
	int64_t			check_upseconds64;
} mapped_time_value_t;

#endif
