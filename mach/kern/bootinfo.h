/*
 * bootinfo.h -- what the boot loader told us, in a machine-neutral form:
 * the kernel command line, usable memory ranges and the boot modules.
 * Filled by the machine layer (arch/x86_64/multiboot.c) before kmain's
 * generic part runs.
 */
#ifndef KERN_BOOTINFO_H
#define KERN_BOOTINFO_H

#include <stdint.h>

#define BOOT_MAX_RANGES		64
#define BOOT_MAX_MODULES	32

struct boot_range {
	uint64_t	start, end;	/* physical, [start, end) */
};

struct boot_module {
	uint64_t	start, end;	/* physical image */
	const char	*cmdline;	/* direct-map address, NUL-terminated */
};

struct boot_info {
	const char		*cmdline;
	int			 nranges;
	struct boot_range	 ranges[BOOT_MAX_RANGES];	/* usable RAM */
	int			 nreserved;
	struct boot_range	 reserved[BOOT_MAX_MODULES + 4]; /* in use */
	int			 nmodules;
	struct boot_module	 modules[BOOT_MAX_MODULES];
};

void	boot_info_parse(uint64_t info_pa, struct boot_info *);

#endif
