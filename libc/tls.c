/*
 * tls.c -- thread-local storage blocks (x86_64 variant II, see
 * <whorl/tls.h>).  The TLS image is found through the program's own
 * PT_TLS header (the ELF header is mapped with the text, at __ehdr_start).
 * Called by start.c for the main thread and by pthreads for the others;
 * only traps are used, since MIG's reply port itself lives in TLS.  The
 * fs base is set by the machine's half, arch/x86_64/thread_md.c.
 */
#include <stdint.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <whorl/tls.h>

#define PT_TLS		7
#define PAGE_SIZE	4096ul
/*
 * Blocks go anywhere from 1 MiB up: the kernel would otherwise give the
 * first free page, 0x1000, and a null pointer plus a small offset would
 * then hit a TLS block instead of faulting.
 */
#define TLS_LOWEST	0x100000ul

/* The parts of the ELF64 file and program headers we read. */
struct tls_ehdr {
	unsigned char	e_ident[16];
	uint16_t	e_type, e_machine;
	uint32_t	e_version;
	uint64_t	e_entry, e_phoff, e_shoff;
	uint32_t	e_flags;
	uint16_t	e_ehsize, e_phentsize, e_phnum;
};
struct tls_phdr {
	uint32_t	p_type, p_flags;
	uint64_t	p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

extern const struct tls_ehdr __ehdr_start;

/* The image: filesz bytes at data, memsz in all, aligned to align. */
static struct {
	const void	*data;
	size_t		filesz, memsz, align;
	int		found;
} tls_image;

static void
tls_find_image(void)
{
	const struct tls_ehdr *eh = &__ehdr_start;
	const struct tls_phdr *ph;

	tls_image.found = 1;
	tls_image.align = 1;
	ph = (const void *)((const char *)eh + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type != PT_TLS)
			continue;
		tls_image.data = (const void *)ph->p_vaddr;
		tls_image.filesz = ph->p_filesz;
		tls_image.memsz = ph->p_memsz;
		if (ph->p_align > 1)
			tls_image.align = ph->p_align;
	}
}

/*
 * Bytes from the start of the block to the thread pointer: the linker
 * places each variable at its offset in the image minus memsz rounded up
 * to the image's alignment.
 */
static size_t
tls_offset(void)
{
	return (tls_image.memsz + tls_image.align - 1) & ~(tls_image.align - 1);
}

/*
 * Bytes from the (page-aligned) allocation to the thread pointer: room for
 * the block, with the TCB aligned to 16 and to the image's alignment, so
 * that the block is aligned too.
 */
static size_t
tls_tp_offset(void)
{
	size_t a = tls_image.align > 16 ? tls_image.align : 16;

	return (tls_offset() + a - 1) & ~(a - 1);
}

static size_t
tls_size(void)
{
	size_t n = tls_tp_offset() + sizeof(struct __whorl_tcb);

	return (n + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

void *
__whorl_tls_alloc(void)
{
	vm_offset_t base = TLS_LOWEST;
	struct __whorl_tcb *tcb;

	if (!tls_image.found)
		tls_find_image();
	if (tls_image.align > PAGE_SIZE)
		return NULL;	/* the block is only page-aligned */
	if (syscall_vm_allocate(mach_task_self(), &base, tls_size(), 1) != 0)
		return NULL;
	/* vm_allocate's memory is zero: .tbss and the TCB need nothing. */
	tcb = (struct __whorl_tcb *)(base + tls_tp_offset());
	memcpy((char *)tcb - tls_offset(), tls_image.data, tls_image.filesz);
	tcb->self = tcb;
	return tcb;
}

void
__whorl_tls_free(void *tp)
{
	if (tp == NULL)
		return;
	syscall_vm_deallocate(mach_task_self(),
	    (vm_offset_t)tp - tls_tp_offset(), tls_size());
}
