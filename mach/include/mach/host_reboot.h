/*
 * host_reboot.h -- the options of host_reboot, as GNU Mach reads them
 * (its BSD-derived sys/reboot.h): none reboots the machine, RB_HALT halts
 * it (powered off where the firmware allows), RB_DEBUGGER asks for the
 * kernel debugger, which Whorl does not have.
 */
#ifndef _MACH_HOST_REBOOT_H_
#define _MACH_HOST_REBOOT_H_

#define RB_AUTOBOOT	0	/* reboot */
#define RB_HALT		0x08	/* halt, do not reboot */
#define RB_DEBUGGER	0x1000	/* enter the kernel debugger */

#endif
