/*
 * thread_switch.h -- options of the thread_switch trap.
 */
#ifndef _MACH_THREAD_SWITCH_H_
#define _MACH_THREAD_SWITCH_H_

#define SWITCH_OPTION_NONE	0
#define SWITCH_OPTION_DEPRESS	1	/* depress priority for the time */
#define SWITCH_OPTION_WAIT	2	/* block for the time */

#define valid_switch_option(opt)	(0 <= (opt) && (opt) <= 2)

#endif
