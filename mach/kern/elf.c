/*
 * elf.c -- checks a boot module's ELF64 headers (see elf.h).  Called by the
 * kernel's boot-module loader before anything is mapped.  Every field is
 * read through memcpy, so the image may sit at any alignment, and every sum
 * of two file-supplied numbers is checked for overflow.
 */
#include "kern/klib.h"
#include "kern/elf.h"

/* The ELF64 structures, as the System V ABI lays them out. */
struct elf_ehdr {
	unsigned char	e_ident[16];
	uint16_t	e_type;
	uint16_t	e_machine;
	uint32_t	e_version;
	uint64_t	e_entry;
	uint64_t	e_phoff;
	uint64_t	e_shoff;
	uint32_t	e_flags;
	uint16_t	e_ehsize;
	uint16_t	e_phentsize;
	uint16_t	e_phnum;
	uint16_t	e_shentsize;
	uint16_t	e_shnum;
	uint16_t	e_shstrndx;
};

struct elf_phdr {
	uint32_t	p_type;
	uint32_t	p_flags;
	uint64_t	p_offset;
	uint64_t	p_vaddr;
	uint64_t	p_paddr;
	uint64_t	p_filesz;
	uint64_t	p_memsz;
	uint64_t	p_align;
};

#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ELFOSABI_SYSV	0
#define ELFOSABI_GNU	3
#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PN_XNUM		0xffff
#define ELF_SHDR_SIZE	64
#define ELF_MAX_ALIGN	(1ULL << 30)	/* more is surely corrupt */

_Static_assert(sizeof(struct elf_ehdr) == 64, "ELF64 header layout");
_Static_assert(sizeof(struct elf_phdr) == 56, "ELF64 phdr layout");

#define ELF_FAIL(code, text)	do {		\
	*why = (text);				\
	return (code);				\
} while (0)

/* Is [off, off + len) inside a file of size bytes? */
static bool
elf_in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

/* Check the file header's identity fields. */
static int
elf_check_ident(const struct elf_ehdr *eh, const char **why)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) != 0)
		ELF_FAIL(ELF_EMAGIC, "not ELF");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		ELF_FAIL(ELF_ECLASS, "not 64-bit ELF");
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		ELF_FAIL(ELF_EDATA, "not little-endian");
	if (eh->e_ident[EI_VERSION] != EV_CURRENT ||
	    eh->e_version != EV_CURRENT)
		ELF_FAIL(ELF_EVERSION, "bad ELF version");
	if (eh->e_ident[EI_OSABI] != ELFOSABI_SYSV &&
	    eh->e_ident[EI_OSABI] != ELFOSABI_GNU)
		ELF_FAIL(ELF_EVERSION, "unknown OS ABI");
	if (eh->e_machine != EM_X86_64)
		ELF_FAIL(ELF_EMACHINE, "not x86_64");
	if (eh->e_type != ET_EXEC)
		ELF_FAIL(ELF_ETYPE, "not a static executable (ET_EXEC)");
	return 0;
}

/* Check the header's table sizes and places. */
static int
elf_check_tables(const struct elf_ehdr *eh, size_t size, const char **why)
{
	if (eh->e_ehsize != sizeof(struct elf_ehdr))
		ELF_FAIL(ELF_EHEADER, "bad ELF header size");
	if (eh->e_phentsize != sizeof(struct elf_phdr))
		ELF_FAIL(ELF_EHEADER, "bad program header size");
	if (eh->e_phnum == 0)
		ELF_FAIL(ELF_ENOLOAD, "no program headers");
	if (eh->e_phnum == PN_XNUM)
		ELF_FAIL(ELF_EHEADER, "too many program headers");
	if (!elf_in_file(eh->e_phoff,
	    (uint64_t)eh->e_phnum * sizeof(struct elf_phdr), size))
		ELF_FAIL(ELF_EPHDRS, "program headers outside the file");
	if (eh->e_shnum != 0 && (eh->e_shentsize != ELF_SHDR_SIZE ||
	    !elf_in_file(eh->e_shoff, (uint64_t)eh->e_shnum * ELF_SHDR_SIZE,
	    size)))
		ELF_FAIL(ELF_EHEADER, "section headers outside the file");
	if (eh->e_shnum != 0 && eh->e_shstrndx >= eh->e_shnum)
		ELF_FAIL(ELF_EHEADER, "bad section name table index");
	return 0;
}

/* Check one PT_LOAD against the file and user space. */
static int
elf_check_load(const struct elf_phdr *ph, size_t size, const char **why)
{
	if (ph->p_filesz > ph->p_memsz)
		ELF_FAIL(ELF_ESEGMENT, "segment file size exceeds memory size");
	if (!elf_in_file(ph->p_offset, ph->p_filesz, size))
		ELF_FAIL(ELF_ESEGMENT, "segment outside the file");
	if (ph->p_align > ELF_MAX_ALIGN ||
	    (ph->p_align & (ph->p_align - 1)) != 0)
		ELF_FAIL(ELF_ESEGMENT, "bad segment alignment");
	if (ph->p_align > 1 &&
	    (ph->p_vaddr - ph->p_offset) % ph->p_align != 0)
		ELF_FAIL(ELF_ESEGMENT, "segment address and offset disagree");
	if ((ph->p_vaddr - ph->p_offset) % ELF_PAGE_SIZE != 0)
		ELF_FAIL(ELF_ESEGMENT, "segment not page-congruent");
	if (ph->p_vaddr < ELF_USER_MIN || ph->p_vaddr >= ELF_USER_MAX ||
	    ph->p_memsz > ELF_USER_MAX - ph->p_vaddr)
		ELF_FAIL(ELF_EUSER, "segment outside user space");
	return 0;
}

/* Do two segments share a page? */
static bool
elf_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	uint64_t a0 = ROUND_DOWN(a->vaddr, ELF_PAGE_SIZE);
	uint64_t a1 = ROUND_UP(a->vaddr + a->memsz, ELF_PAGE_SIZE);
	uint64_t b0 = ROUND_DOWN(b->vaddr, ELF_PAGE_SIZE);
	uint64_t b1 = ROUND_UP(b->vaddr + b->memsz, ELF_PAGE_SIZE);

	return a0 < b1 && b0 < a1;
}

/* Record a checked PT_LOAD in out, refusing overlap and excess. */
static int
elf_add_load(struct elf_image *out, const struct elf_phdr *ph,
    const char **why)
{
	struct elf_segment *s;
	unsigned i;

	if (ph->p_memsz == 0)
		return 0;	/* maps nothing; harmless */
	if (out->nsegs == ELF_MAX_SEGMENTS)
		ELF_FAIL(ELF_ETOOMANY, "too many loadable segments");
	s = &out->seg[out->nsegs];
	s->vaddr = ph->p_vaddr;
	s->memsz = ph->p_memsz;
	s->offset = ph->p_offset;
	s->filesz = ph->p_filesz;
	s->flags = ph->p_flags & (ELF_SEG_R | ELF_SEG_W | ELF_SEG_X);
	for (i = 0; i < out->nsegs; i++)
		if (elf_overlap(&out->seg[i], s))
			ELF_FAIL(ELF_EOVERLAP, "segments overlap");
	out->nsegs++;
	return 0;
}

/* Walk the program headers, filling out. */
static int
elf_check_phdrs(const unsigned char *image, size_t size,
    const struct elf_ehdr *eh, struct elf_image *out, const char **why)
{
	struct elf_phdr ph;
	unsigned i;
	int error;

	for (i = 0; i < eh->e_phnum; i++) {
		memcpy(&ph, image + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP || ph.p_type == PT_DYNAMIC)
			ELF_FAIL(ELF_EDYNAMIC, "dynamically linked");
		if (ph.p_type != PT_LOAD)
			continue;
		if ((error = elf_check_load(&ph, size, why)) != 0 ||
		    (error = elf_add_load(out, &ph, why)) != 0)
			return error;
	}
	if (out->nsegs == 0)
		ELF_FAIL(ELF_ENOLOAD, "no loadable segment");
	return 0;
}

/* Is the entry point inside an executable segment? */
static bool
elf_entry_ok(const struct elf_image *out)
{
	const struct elf_segment *s;
	unsigned i;

	for (i = 0; i < out->nsegs; i++) {
		s = &out->seg[i];
		if ((s->flags & ELF_SEG_X) && out->entry >= s->vaddr &&
		    out->entry - s->vaddr < s->memsz)
			return true;
	}
	return false;
}

int
elf_check(const void *image, size_t size, struct elf_image *out,
    const char **why)
{
	struct elf_ehdr eh;
	const char *dummy;
	int error;

	if (why == NULL)
		why = &dummy;
	if (image == NULL || size < sizeof(eh))
		ELF_FAIL(ELF_ETOOSMALL, "file too small for ELF");
	memcpy(&eh, image, sizeof(eh));
	out->nsegs = 0;
	out->entry = eh.e_entry;
	if ((error = elf_check_ident(&eh, why)) != 0 ||
	    (error = elf_check_tables(&eh, size, why)) != 0 ||
	    (error = elf_check_phdrs(image, size, &eh, out, why)) != 0)
		return error;
	if (!elf_entry_ok(out))
		ELF_FAIL(ELF_EENTRY, "entry not in an executable segment");
	*why = NULL;
	return 0;
}
