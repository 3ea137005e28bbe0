/*
 * elf.h -- validation of the static x86_64 ELF executables that GRUB hands
 * the kernel as boot modules.  The boot code calls elf_check() on each
 * module before it maps a single page, then loads what `out' describes.
 */
#ifndef KERN_ELF_H
#define KERN_ELF_H

#include "kern/klib.h"

#define ELF_MAX_SEGMENTS	16

/* User space as the loader sees it: [ELF_USER_MIN, ELF_USER_MAX). */
#define ELF_USER_MIN		0x1000ULL
#define ELF_USER_MAX		0x00007ffffffff000ULL
#define ELF_PAGE_SIZE		4096ULL

/* Segment permissions, with ELF's own values. */
#define ELF_SEG_X		0x1
#define ELF_SEG_W		0x2
#define ELF_SEG_R		0x4

/* A PT_LOAD segment: memsz bytes at vaddr, the first filesz from offset. */
struct elf_segment {
	uint64_t	vaddr;
	uint64_t	memsz;
	uint64_t	offset;
	uint64_t	filesz;
	uint32_t	flags;		/* ELF_SEG_* */
};

struct elf_image {
	uint64_t		entry;
	unsigned		nsegs;
	struct elf_segment	seg[ELF_MAX_SEGMENTS];	/* in file order */
};

/* Why an image was refused; elf_check() also gives the English reason. */
enum elf_error {
	ELF_ETOOSMALL = -1,	/* shorter than an ELF header */
	ELF_EMAGIC = -2,	/* not ELF */
	ELF_ECLASS = -3,	/* not 64-bit */
	ELF_EDATA = -4,		/* not little-endian */
	ELF_EVERSION = -5,	/* bad version or OS ABI */
	ELF_EMACHINE = -6,	/* not x86_64 */
	ELF_ETYPE = -7,		/* not ET_EXEC */
	ELF_EHEADER = -8,	/* bad header or table sizes */
	ELF_EPHDRS = -9,	/* program header table outside the file */
	ELF_EDYNAMIC = -10,	/* PT_INTERP or PT_DYNAMIC */
	ELF_ESEGMENT = -11,	/* a PT_LOAD is malformed */
	ELF_EUSER = -12,	/* a PT_LOAD is outside user space */
	ELF_EOVERLAP = -13,	/* two PT_LOADs share a page */
	ELF_ETOOMANY = -14,	/* more than ELF_MAX_SEGMENTS PT_LOADs */
	ELF_ENOLOAD = -15,	/* no PT_LOAD */
	ELF_EENTRY = -16,	/* entry not in an executable segment */
};

/*
 * Check that the size bytes at image (any alignment) are a static x86_64
 * ET_EXEC image whose loadable segments all lie inside the file and inside
 * user space without overlapping.  Returns 0 and fills *out, or returns an
 * enum elf_error and points *why (if why != NULL) at a short reason;
 * *out is then undefined.  Reads only within [image, image + size).
 */
int	elf_check(const void *image, size_t size, struct elf_image *out,
	    const char **why);

#endif /* KERN_ELF_H */
