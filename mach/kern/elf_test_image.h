/*
 * elf_test_image.h -- builds, for the host ELF tests, a small valid static
 * x86_64 executable image with the host's own <elf.h> layouts, so that the
 * kernel's private structures are checked against an independent source.
 */
#ifndef KERN_ELF_TEST_IMAGE_H
#define KERN_ELF_TEST_IMAGE_H

#include <elf.h>
#include <string.h>

#define TIMG_SIZE	0x3000
#define TIMG_TEXT	0x400000ULL
#define TIMG_ENTRY	(TIMG_TEXT + 0x120)
#define TIMG_NPHDRS	4

struct timg {
	unsigned char	bytes[TIMG_SIZE];
};

static inline Elf64_Ehdr *
timg_eh(struct timg *t)
{
	return (Elf64_Ehdr *)t->bytes;
}

static inline Elf64_Phdr *
timg_ph(struct timg *t, int i)
{
	return (Elf64_Phdr *)(t->bytes + sizeof(Elf64_Ehdr)) + i;
}

/*
 * Text (R+X) at 0x400000 from offset 0, data (R+W) at 0x402000 from offset
 * 0x2000 with a bss, a PT_NOTE and a PT_GNU_STACK; section headers at the
 * end of the file.
 */
static inline void
timg_build(struct timg *t)
{
	Elf64_Ehdr *eh = timg_eh(t);
	Elf64_Phdr *ph;

	memset(t, 0, sizeof(*t));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_SYSV;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TIMG_ENTRY;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_shoff = TIMG_SIZE - 2 * sizeof(Elf64_Shdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = TIMG_NPHDRS;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = 2;
	eh->e_shstrndx = 1;

	ph = timg_ph(t, 0);
	*ph = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
	    .p_offset = 0, .p_vaddr = TIMG_TEXT, .p_paddr = TIMG_TEXT,
	    .p_filesz = 0x1800, .p_memsz = 0x1800, .p_align = 0x1000 };
	ph = timg_ph(t, 1);
	*ph = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
	    .p_offset = 0x2000, .p_vaddr = TIMG_TEXT + 0x2000,
	    .p_filesz = 0x400, .p_memsz = 0x5000, .p_align = 0x1000 };
	ph = timg_ph(t, 2);
	*ph = (Elf64_Phdr){ .p_type = PT_NOTE, .p_flags = PF_R,
	    .p_offset = 0x200, .p_vaddr = TIMG_TEXT + 0x200,
	    .p_filesz = 0x20, .p_memsz = 0x20, .p_align = 4 };
	ph = timg_ph(t, 3);
	*ph = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W,
	    .p_align = 16 };
	/* Some recognisable code at the entry point: endless `pause'. */
	memcpy(t->bytes + 0x120, "\xf3\x90\xeb\xfc", 4);
}

#endif /* KERN_ELF_TEST_IMAGE_H */
