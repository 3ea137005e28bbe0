/*
 * srv_elf.h -- starting a program from a file in translators/lib, until
 * an exec server exists: srv_elf_check validates a static x86_64 ELF64
 * image as the kernel's boot loader does (mach/kern/elf.c), every header
 * field read as an attacker's; srv_elf_start maps it into a new task.
 * Used by the file-system layer to start passive translators.
 */
#ifndef SRV_ELF_H
#define SRV_ELF_H

#include <stddef.h>
#include <stdint.h>

#define SRV_ELF_MAX_SEGS	16
#define SRV_ELF_MAX_SIZE	(64 * 1024 * 1024)	/* a program file */
#define SRV_ELF_USER_MIN	0x1000ULL
#define SRV_ELF_STACK_TOP	0x00007ffffffff000ULL	/* as the kernel */
#define SRV_ELF_STACK_SIZE	(256 * 1024)
#define SRV_ELF_ARGS_MAX	8192	/* argz bytes */
#define SRV_ELF_ARGV_MAX	64	/* words */
#define SRV_ELF_PAGE		4096ULL

struct srv_elf_seg {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags;			/* ELF's PF_X 1, PF_W 2, PF_R 4 */
};

struct srv_elf {
	uint64_t entry;
	unsigned int nsegs;
	struct srv_elf_seg seg[SRV_ELF_MAX_SEGS];
};

/* 0 and *out, or ENOEXEC with *why (any alignment of image). */
int	srv_elf_check(const void *image, size_t size, struct srv_elf *out,
	    const char **why);
/* srv_elf_start (srv_elf.c, needs Mach) is declared in fs.h. */

#endif
