/*
 * multiboot.c -- read the Multiboot v1 information GRUB left in low memory
 * into a struct boot_info.  Runs on the boot page tables, where the direct
 * map covers the first GiB; GRUB places everything it hands us there.
 */
#include "kern/klib.h"
#include "kern/bootinfo.h"
#include "kern/console.h"
#include "machine/pmap.h"

struct mb_info {
	uint32_t	flags;
	uint32_t	mem_lower, mem_upper;
	uint32_t	boot_device;
	uint32_t	cmdline;
	uint32_t	mods_count, mods_addr;
	uint32_t	syms[4];
	uint32_t	mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_module {
	uint32_t	start, end, cmdline, pad;
} __attribute__((packed));

struct mb_mmap {
	uint32_t	size;
	uint64_t	addr, len;
	uint32_t	type;
} __attribute__((packed));

#define MB_INFO_CMDLINE	(1 << 2)
#define MB_INFO_MODS	(1 << 3)
#define MB_INFO_MMAP	(1 << 6)
#define LOW_LIMIT	(1ul << 30)	/* what the boot tables map */

static void
reserve(struct boot_info *bi, uint64_t start, uint64_t end)
{
	if (bi->nreserved < (int)ARRAY_SIZE(bi->reserved)) {
		bi->reserved[bi->nreserved].start = start;
		bi->reserved[bi->nreserved].end = end;
		bi->nreserved++;
	}
}

static void
parse_mmap(const struct mb_info *mb, struct boot_info *bi)
{
	uint64_t p = mb->mmap_addr, end = p + mb->mmap_length;

	while (p + sizeof(struct mb_mmap) <= end && end <= LOW_LIMIT &&
	    bi->nranges < BOOT_MAX_RANGES) {
		const struct mb_mmap *m = phys_to_virt(p);

		if (m->type == 1 && m->len != 0) {
			bi->ranges[bi->nranges].start = m->addr;
			bi->ranges[bi->nranges].end = m->addr + m->len;
			bi->nranges++;
		}
		p += m->size + 4;
	}
}

static void
parse_modules(const struct mb_info *mb, struct boot_info *bi)
{
	const struct mb_module *mods = phys_to_virt(mb->mods_addr);
	uint32_t i, n = mb->mods_count;

	if (n > BOOT_MAX_MODULES) {
		kprintf("multiboot: %u modules, using the first %d\n", n,
		    BOOT_MAX_MODULES);
		n = BOOT_MAX_MODULES;
	}
	reserve(bi, mb->mods_addr, mb->mods_addr + n * sizeof(*mods));
	for (i = 0; i < n; i++) {
		struct boot_module *m = &bi->modules[bi->nmodules++];

		m->start = mods[i].start;
		m->end = mods[i].end;
		m->cmdline = mods[i].cmdline ? phys_to_virt(mods[i].cmdline) :
		    "";
		reserve(bi, ROUND_DOWN(m->start, PAGE_SIZE),
		    ROUND_UP(m->end, PAGE_SIZE));
		if (mods[i].cmdline)
			reserve(bi, mods[i].cmdline, mods[i].cmdline +
			    strlen(m->cmdline) + 1);
	}
}

void
boot_info_parse(uint64_t info_pa, struct boot_info *bi)
{
	extern char _kernel_phys_start[], _kernel_end[];
	const struct mb_info *mb = phys_to_virt(info_pa);

	memset(bi, 0, sizeof(*bi));
	reserve(bi, 0, PAGE_SIZE);	/* real-mode IVT, BIOS data */
	reserve(bi, (uint64_t)_kernel_phys_start, virt_to_phys(_kernel_end));
	reserve(bi, info_pa, info_pa + sizeof(*mb));
	bi->cmdline = "";
	if (mb->flags & MB_INFO_CMDLINE) {
		bi->cmdline = phys_to_virt(mb->cmdline);
		reserve(bi, mb->cmdline, mb->cmdline + strlen(bi->cmdline) + 1);
	}
	if (mb->flags & MB_INFO_MMAP) {
		reserve(bi, mb->mmap_addr, mb->mmap_addr + mb->mmap_length);
		parse_mmap(mb, bi);
	} else {
		bi->ranges[0].start = 0x100000;
		bi->ranges[0].end = 0x100000 + (uint64_t)mb->mem_upper * 1024;
		bi->nranges = 1;
	}
	if (mb->flags & MB_INFO_MODS)
		parse_modules(mb, bi);
}
