/*
 * srv_elf_check.c -- validation of a static x86_64 ELF64 executable
 * before translators/lib maps any of it (srv_elf.h): the identity, the
 * table sizes and places, every PT_LOAD inside the file and below the
 * stack, page-congruent, not overlapping, the entry in an executable
 * segment.  Fields are copied out with memcpy, sums checked for
 * overflow.  Pure C, also tested on the host (test_srv_elf).
 */
#include <errno.h>
#include <string.h>

#include "srv_elf.h"

struct srv_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct srv_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

_Static_assert(sizeof(struct srv_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct srv_phdr) == 56, "ELF64 program header");

#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define FAIL(text)	do { *why = (text); return ENOEXEC; } while (0)
#define TRUNC(x)	((x) & ~(SRV_ELF_PAGE - 1))
#define ROUND(x)	TRUNC((x) + SRV_ELF_PAGE - 1)

static int
srv_elf_in(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static int
srv_elf_header(const struct srv_ehdr *eh, size_t size, const char **why)
{
	if (memcmp(eh->ident, "\177ELF", 4) != 0)
		FAIL("not ELF");
	if (eh->ident[4] != 2 || eh->ident[5] != 1)
		FAIL("not 64-bit little-endian ELF");
	if (eh->ident[6] != 1 || eh->version != 1 ||
	    (eh->ident[7] != 0 && eh->ident[7] != 3))
		FAIL("bad ELF version or OS ABI");
	if (eh->machine != 62)
		FAIL("not x86_64");
	if (eh->type != 2)
		FAIL("not a static executable (ET_EXEC)");
	if (eh->ehsize != sizeof(*eh) ||
	    eh->phentsize != sizeof(struct srv_phdr))
		FAIL("bad header sizes");
	if (eh->phnum == 0 || eh->phnum == 0xffff)
		FAIL("bad program header count");
	if (!srv_elf_in(eh->phoff, (uint64_t)eh->phnum *
	    sizeof(struct srv_phdr), size))
		FAIL("program headers outside the file");
	return 0;
}

static int
srv_elf_load(const struct srv_phdr *ph, size_t size, const char **why)
{
	if (ph->filesz > ph->memsz)
		FAIL("segment file size exceeds memory size");
	if (!srv_elf_in(ph->offset, ph->filesz, size))
		FAIL("segment outside the file");
	if ((ph->vaddr - ph->offset) % SRV_ELF_PAGE != 0)
		FAIL("segment not page-congruent");
	if (ph->vaddr < SRV_ELF_USER_MIN || ph->vaddr >=
	    SRV_ELF_STACK_TOP - SRV_ELF_STACK_SIZE ||
	    ph->memsz > SRV_ELF_STACK_TOP - SRV_ELF_STACK_SIZE - ph->vaddr)
		FAIL("segment outside user space");
	return 0;
}

static int
srv_elf_add(struct srv_elf *out, const struct srv_phdr *ph,
    const char **why)
{
	struct srv_elf_seg *s;
	unsigned int i;

	if (ph->memsz == 0)
		return 0;
	if (out->nsegs == SRV_ELF_MAX_SEGS)
		FAIL("too many loadable segments");
	s = &out->seg[out->nsegs];
	s->vaddr = ph->vaddr;
	s->memsz = ph->memsz;
	s->offset = ph->offset;
	s->filesz = ph->filesz;
	s->flags = ph->flags & 7;
	for (i = 0; i < out->nsegs; i++)
		if (TRUNC(out->seg[i].vaddr) < ROUND(s->vaddr + s->memsz) &&
		    TRUNC(s->vaddr) < ROUND(out->seg[i].vaddr +
		    out->seg[i].memsz))
			FAIL("segments overlap");
	out->nsegs++;
	return 0;
}

int
srv_elf_check(const void *image, size_t size, struct srv_elf *out,
    const char **why)
{
	const unsigned char *im = image;
	struct srv_ehdr eh;
	struct srv_phdr ph;
	unsigned int i;
	int error;

	memset(out, 0, sizeof(*out));
	if (size < sizeof(eh) || size > SRV_ELF_MAX_SIZE)
		FAIL("too small or too large");
	memcpy(&eh, im, sizeof(eh));
	if ((error = srv_elf_header(&eh, size, why)) != 0)
		return error;
	for (i = 0; i < eh.phnum; i++) {
		memcpy(&ph, im + eh.phoff + i * sizeof(ph), sizeof(ph));
		if (ph.type == PT_INTERP || ph.type == PT_DYNAMIC)
			FAIL("dynamically linked");
		if (ph.type == PT_LOAD &&
		    ((error = srv_elf_load(&ph, size, why)) != 0 ||
		    (error = srv_elf_add(out, &ph, why)) != 0))
			return error;
	}
	if (out->nsegs == 0)
		FAIL("no loadable segment");
	for (i = 0; i < out->nsegs; i++)
		if ((out->seg[i].flags & 1) && eh.entry >= out->seg[i].vaddr &&
		    eh.entry - out->seg[i].vaddr < out->seg[i].memsz)
			break;
	if (i == out->nsegs)
		FAIL("entry not in an executable segment");
	out->entry = eh.entry;
	return 0;
}
