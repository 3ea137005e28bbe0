/*
 * version.h -- the kernel's name and version, as the boot banner and
 * host_get_kernel_version give them.
 */
#ifndef KERN_VERSION_H
#define KERN_VERSION_H

#include "machine/cpu.h"

#define WHORL_VERSION	"0.1"
#define WHORL_BANNER	"Whorl " WHORL_VERSION " (" MACHINE_NAME ")"

#endif
