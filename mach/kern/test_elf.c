/*
 * test_elf.c -- host test of elf.c: a valid image built here is accepted
 * and described exactly; each way of breaking it is refused with the
 * right code and reason.
 */
#include <string.h>
#include "kern/klib.h"
#include "kern/elf.h"
#include "kern/elf_test_image.h"
#include "kern/host_test.h"

static struct timg img;

/* Check img (of size bytes) is refused with code and a reason matching. */
static void
refused(size_t size, int code, const char *reason, int line)
{
	struct elf_image out;
	const char *why = NULL;
	int r;

	r = elf_check(img.bytes, size, &out, &why);
	CHECKF(r == code && why != NULL && strstr(why, reason) != NULL,
	    "line %d: got %d \"%s\", want %d \"%s\"", line, r,
	    why != NULL ? why : "(null)", code, reason);
}

#define REFUSED(code, reason)	refused(TIMG_SIZE, code, reason, __LINE__)

static void
test_valid(void)
{
	struct elf_image out;
	const char *why = "unset";
	unsigned char *copy;

	timg_build(&img);
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, &why) == 0 && why == NULL);
	CHECK(out.entry == TIMG_ENTRY && out.nsegs == 2);
	CHECK(out.seg[0].vaddr == TIMG_TEXT && out.seg[0].memsz == 0x1800 &&
	    out.seg[0].offset == 0 && out.seg[0].filesz == 0x1800 &&
	    out.seg[0].flags == (ELF_SEG_R | ELF_SEG_X));
	CHECK(out.seg[1].vaddr == TIMG_TEXT + 0x2000 &&
	    out.seg[1].memsz == 0x5000 && out.seg[1].offset == 0x2000 &&
	    out.seg[1].filesz == 0x400 &&
	    out.seg[1].flags == (ELF_SEG_R | ELF_SEG_W));
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, NULL) == 0);

	/* Any alignment of the image in memory. */
	copy = malloc(TIMG_SIZE + 1);
	memcpy(copy + 1, img.bytes, TIMG_SIZE);
	CHECK(elf_check(copy + 1, TIMG_SIZE, &out, &why) == 0);
	free(copy);

	/* GNU OS ABI, no section headers, p_align 0 and 2 MiB. */
	timg_eh(&img)->e_ident[EI_OSABI] = ELFOSABI_GNU;
	timg_eh(&img)->e_shnum = 0;
	timg_eh(&img)->e_shoff = 0;
	timg_ph(&img, 0)->p_align = 0;
	timg_ph(&img, 1)->p_offset = 0x2000;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, &why) == 0);
	timg_ph(&img, 0)->p_align = 0x200000;
	timg_ph(&img, 0)->p_vaddr = 0x600000;
	timg_eh(&img)->e_entry = 0x600000;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, &why) == 0);

	/* Segments that touch but do not share a page; entry at the end. */
	timg_build(&img);
	timg_ph(&img, 0)->p_memsz = 0x2000;
	timg_eh(&img)->e_entry = TIMG_TEXT + 0x1fff;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, &why) == 0);

	/* Highest and lowest places allowed. */
	timg_build(&img);
	timg_ph(&img, 0)->p_vaddr = ELF_USER_MIN;
	timg_eh(&img)->e_entry = ELF_USER_MIN;
	timg_ph(&img, 1)->p_vaddr = ELF_USER_MAX - 0x5000;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &out, &why) == 0);
}

static void
test_header(void)
{
	timg_build(&img);
	refused(63, ELF_ETOOSMALL, "too small", __LINE__);
	refused(0, ELF_ETOOSMALL, "too small", __LINE__);
	CHECK(elf_check(NULL, 100, &(struct elf_image){ 0 }, NULL) ==
	    ELF_ETOOSMALL);
	img.bytes[1] = 'F';
	REFUSED(ELF_EMAGIC, "not ELF");
	timg_build(&img);
	timg_eh(&img)->e_ident[EI_CLASS] = ELFCLASS32;
	REFUSED(ELF_ECLASS, "64-bit");
	timg_build(&img);
	timg_eh(&img)->e_ident[EI_DATA] = ELFDATA2MSB;
	REFUSED(ELF_EDATA, "little-endian");
	timg_build(&img);
	timg_eh(&img)->e_ident[EI_VERSION] = 2;
	REFUSED(ELF_EVERSION, "version");
	timg_build(&img);
	timg_eh(&img)->e_version = 0;
	REFUSED(ELF_EVERSION, "version");
	timg_build(&img);
	timg_eh(&img)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
	REFUSED(ELF_EVERSION, "OS ABI");
	timg_build(&img);
	timg_eh(&img)->e_machine = EM_386;
	REFUSED(ELF_EMACHINE, "not x86_64");
	timg_build(&img);
	timg_eh(&img)->e_type = ET_DYN;
	REFUSED(ELF_ETYPE, "ET_EXEC");
	timg_build(&img);
	timg_eh(&img)->e_ehsize = 52;
	REFUSED(ELF_EHEADER, "header size");
	timg_build(&img);
	timg_eh(&img)->e_phentsize = 32;
	REFUSED(ELF_EHEADER, "program header size");
	timg_build(&img);
	timg_eh(&img)->e_phnum = 0;
	REFUSED(ELF_ENOLOAD, "no program headers");
	timg_build(&img);
	timg_eh(&img)->e_phnum = PN_XNUM;
	REFUSED(ELF_EHEADER, "too many program headers");
	timg_build(&img);
	timg_eh(&img)->e_phoff = TIMG_SIZE - 100;
	REFUSED(ELF_EPHDRS, "program headers outside");
	timg_eh(&img)->e_phoff = UINT64_MAX - 10;
	REFUSED(ELF_EPHDRS, "program headers outside");
	timg_build(&img);
	timg_eh(&img)->e_shoff = TIMG_SIZE - 64;
	REFUSED(ELF_EHEADER, "section headers");
	timg_build(&img);
	timg_eh(&img)->e_shentsize = 40;
	REFUSED(ELF_EHEADER, "section headers");
	timg_build(&img);
	timg_eh(&img)->e_shstrndx = 2;
	REFUSED(ELF_EHEADER, "section name");
}

static void
test_segments(void)
{
	Elf64_Phdr *text, *data;
	int i;

#define RESET()	(timg_build(&img), text = timg_ph(&img, 0), \
	data = timg_ph(&img, 1))
	RESET();
	data->p_filesz = data->p_memsz + 1;
	REFUSED(ELF_ESEGMENT, "file size exceeds");
	RESET();
	data->p_filesz = TIMG_SIZE;
	REFUSED(ELF_ESEGMENT, "outside the file");
	RESET();
	data->p_offset = UINT64_MAX - 0x1000 + 1;
	data->p_vaddr = 0x500000 - 0x1000;
	REFUSED(ELF_ESEGMENT, "outside the file");
	RESET();
	data->p_align = 0x3000;
	REFUSED(ELF_ESEGMENT, "alignment");
	RESET();
	data->p_align = 1ULL << 40;
	REFUSED(ELF_ESEGMENT, "alignment");
	RESET();
	data->p_vaddr += 0x10;
	REFUSED(ELF_ESEGMENT, "disagree");
	RESET();
	data->p_align = 0;
	data->p_vaddr += 0x10;
	REFUSED(ELF_ESEGMENT, "page-congruent");
	RESET();
	text->p_vaddr = 0;
	REFUSED(ELF_EUSER, "outside user space");
	RESET();
	data->p_vaddr = ELF_USER_MAX - 0x4000;
	REFUSED(ELF_EUSER, "outside user space");
	RESET();
	data->p_vaddr = 0xffffffff80002000ULL;
	REFUSED(ELF_EUSER, "outside user space");
	RESET();
	data->p_vaddr = 0x402000;
	data->p_memsz = UINT64_MAX - 0x1000;
	data->p_filesz = 0;
	REFUSED(ELF_EUSER, "outside user space");
	RESET();
	data->p_vaddr = TIMG_TEXT + 0x1000;	/* shares text's 2nd page */
	data->p_offset = 0x1000;
	REFUSED(ELF_EOVERLAP, "overlap");
	RESET();
	data->p_vaddr = TIMG_TEXT;
	data->p_offset = 0;
	REFUSED(ELF_EOVERLAP, "overlap");
	RESET();
	timg_ph(&img, 2)->p_type = PT_INTERP;
	REFUSED(ELF_EDYNAMIC, "dynamically linked");
	RESET();
	timg_ph(&img, 3)->p_type = PT_DYNAMIC;
	REFUSED(ELF_EDYNAMIC, "dynamically linked");
	RESET();
	text->p_type = PT_NULL;
	data->p_type = PT_NOTE;
	REFUSED(ELF_ENOLOAD, "no loadable segment");
	RESET();
	text->p_flags = PF_R;
	REFUSED(ELF_EENTRY, "entry not in an executable segment");
	RESET();
	timg_eh(&img)->e_entry = TIMG_TEXT + 0x1800;
	REFUSED(ELF_EENTRY, "entry not in an executable segment");
	RESET();
	timg_eh(&img)->e_entry = TIMG_TEXT + 0x2000;
	REFUSED(ELF_EENTRY, "entry not in an executable segment");

	/* Seventeen PT_LOADs, one page each, from the same file page. */
	RESET();
	timg_eh(&img)->e_phnum = 17;
	for (i = 0; i < 17; i++)
		*timg_ph(&img, i) = (Elf64_Phdr){ .p_type = PT_LOAD,
		    .p_flags = PF_R | PF_X, .p_offset = 0,
		    .p_vaddr = TIMG_TEXT + i * 0x1000, .p_filesz = 0x200,
		    .p_memsz = 0x200, .p_align = 0x1000 };
	REFUSED(ELF_ETOOMANY, "too many loadable segments");
	timg_eh(&img)->e_phnum = 16;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &(struct elf_image){ 0 },
	    NULL) == 0);

	/* An empty PT_LOAD is skipped, not recorded. */
	RESET();
	timg_ph(&img, 2)->p_type = PT_LOAD;
	timg_ph(&img, 2)->p_memsz = 0;
	timg_ph(&img, 2)->p_filesz = 0;
	timg_ph(&img, 2)->p_offset = 0;
	timg_ph(&img, 2)->p_vaddr = 0x800000;
	CHECK(elf_check(img.bytes, TIMG_SIZE, &(struct elf_image){ 0 },
	    NULL) == 0);
#undef RESET
}

int
main(void)
{
	test_seed();
	test_valid();
	test_header();
	test_segments();
	return test_done("test_elf");
}
