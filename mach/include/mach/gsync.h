/*
 * gsync.h -- flags of gsync_wait, gsync_wake and gsync_requeue (GNU Mach
 * values): futex-like waits on a word of user memory.
 */
#ifndef _MACH_GSYNC_H_
#define _MACH_GSYNC_H_

#define GSYNC_SHARED	0x01	/* key by physical page: across tasks */
#define GSYNC_QUAD	0x02	/* compare 8 bytes (val1 low, val2 high) */
#define GSYNC_TIMED	0x04	/* give up after msec milliseconds */
#define GSYNC_BROADCAST	0x08	/* wake every waiter, not one */
#define GSYNC_MUTATE	0x10	/* store val at addr before waking */

#endif
