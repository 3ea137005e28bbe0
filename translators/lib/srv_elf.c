/*
 * srv_elf.c -- start a program from an ELF image in memory, for the
 * file-system layer's passive translators until an exec server takes
 * this over: a new task, its PT_LOAD segments written in with vm_write
 * and protected as the headers say, a stack laid out as the kernel's
 * boot loader does (argc, argv[], NULL, an empty environment, NULL, the
 * strings above), the bootstrap port, one thread at the entry.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>

#include "fs_layer.h"
#include "srv_elf.h"

#define TRUNC(x)	((x) & ~(SRV_ELF_PAGE - 1))
#define ROUND(x)	TRUNC((x) + SRV_ELF_PAGE - 1)
#define SRV_ELF_ARGS_AREA	(4 * SRV_ELF_PAGE)	/* top of the stack */

kern_return_t srv_thread_aim(thread_t thread, uint64_t entry, uint64_t sp);

/* Map segment s of image into task. */
static int
srv_elf_segment(mach_port_t task, const char *image,
    const struct srv_elf_seg *s)
{
	vm_address_t start = TRUNC(s->vaddr), buf = 0;
	vm_size_t all = ROUND(s->vaddr + s->memsz) - start;
	vm_size_t filled = ROUND(s->vaddr + s->filesz) - start;
	vm_prot_t prot = 0;
	int error = ENOMEM;

	prot |= (s->flags & 4) ? VM_PROT_READ : 0;
	prot |= (s->flags & 2) ? VM_PROT_WRITE : 0;
	prot |= (s->flags & 1) ? VM_PROT_EXECUTE : 0;
	if (vm_allocate(task, &start, all, FALSE) != KERN_SUCCESS)
		return ENOMEM;
	if (s->filesz != 0) {
		if (vm_allocate(mach_task_self(), &buf, filled, TRUE) !=
		    KERN_SUCCESS)
			return ENOMEM;
		memcpy((char *)buf + (s->vaddr - start), image + s->offset,
		    s->filesz);
		if (vm_write(task, start, buf, filled) != KERN_SUCCESS)
			goto out;
	}
	if (vm_protect(task, start, all, FALSE, prot) == KERN_SUCCESS)
		error = 0;
out:
	if (buf != 0)
		vm_deallocate(mach_task_self(), buf, filled);
	return error;
}

/*
 * Lay the argz's words out at the stack's top in a local copy of its
 * last pages: the strings at the very top, below them argc, argv[],
 * NULL, NULL (16-byte aligned).  *spp is the task's rsp.
 */
static int
srv_elf_args(char *area, const char *argz, size_t len, uint64_t *spp)
{
	uint64_t base = SRV_ELF_STACK_TOP - SRV_ELF_ARGS_AREA;
	uint64_t vec[SRV_ELF_ARGV_MAX + 3], strs, sp;
	size_t n = 0, i;

	strs = SRV_ELF_STACK_TOP - len;
	memcpy(area + (strs - base), argz, len);
	vec[n++] = 0;
	for (i = 0; i < len; i += strlen(argz + i) + 1) {
		if (n == SRV_ELF_ARGV_MAX + 1)
			return E2BIG;
		vec[n++] = strs + i;
	}
	vec[0] = n - 1;
	vec[n++] = 0;
	vec[n++] = 0;
	sp = (strs - n * sizeof(uint64_t)) & ~15ULL;
	memcpy(area + (sp - base), vec, n * sizeof(uint64_t));
	*spp = sp;
	return 0;
}

/* The stack of task, with the arguments. */
static int
srv_elf_stack(mach_port_t task, const char *argz, size_t len,
    uint64_t *spp)
{
	vm_address_t base = SRV_ELF_STACK_TOP - SRV_ELF_STACK_SIZE, area = 0;
	int error;

	if (vm_allocate(task, &base, SRV_ELF_STACK_SIZE, FALSE) !=
	    KERN_SUCCESS ||
	    vm_allocate(mach_task_self(), &area, SRV_ELF_ARGS_AREA, TRUE) !=
	    KERN_SUCCESS)
		return ENOMEM;
	error = srv_elf_args((char *)area, argz, len, spp);
	if (error == 0 && vm_write(task, SRV_ELF_STACK_TOP -
	    SRV_ELF_ARGS_AREA, area, SRV_ELF_ARGS_AREA) != KERN_SUCCESS)
		error = ENOMEM;
	vm_deallocate(mach_task_self(), area, SRV_ELF_ARGS_AREA);
	return error;
}

/* Fill the new task and start its thread. */
static int
srv_elf_fill(mach_port_t task, const char *image, const struct srv_elf *e,
    const char *argz, size_t len, mach_port_t bootstrap)
{
	thread_t thread;
	uint64_t sp;
	unsigned int i;
	int error = 0;

	for (i = 0; i < e->nsegs && error == 0; i++)
		error = srv_elf_segment(task, image, &e->seg[i]);
	if (error == 0)
		error = srv_elf_stack(task, argz, len, &sp);
	if (error == 0 && task_set_special_port(task, TASK_BOOTSTRAP_PORT,
	    bootstrap) != KERN_SUCCESS)
		error = ENOMEM;
	if (error != 0 || thread_create(task, &thread) != KERN_SUCCESS)
		return error != 0 ? error : ENOMEM;
	if (srv_thread_aim(thread, e->entry, sp) != KERN_SUCCESS ||
	    thread_resume(thread) != KERN_SUCCESS)
		error = ENOMEM;
	mach_port_deallocate(mach_task_self(), thread);
	return error;
}

/*
 * Run the static ELF image (size bytes) as a new task with the words of
 * argz (NUL-terminated, argv[0] first) and bootstrap (a send right we
 * keep) as its bootstrap port.  *taskp: its task port.  ENOEXEC (bad
 * image), E2BIG (arguments), ENOMEM.
 */
int
srv_elf_start(const void *image, size_t size, const char *argz,
    size_t argzlen, mach_port_t bootstrap, mach_port_t *taskp)
{
	struct srv_elf e;
	const char *why;
	mach_port_t task;
	int error;

	if (argzlen == 0 || argzlen > SRV_ELF_ARGS_MAX ||
	    argz[argzlen - 1] != '\0')
		return E2BIG;
	error = srv_elf_check(image, size, &e, &why);
	if (error != 0)
		return error;
	if (task_create(mach_task_self(), FALSE, &task) != KERN_SUCCESS)
		return ENOMEM;
	error = srv_elf_fill(task, image, &e, argz, argzlen, bootstrap);
	if (error != 0) {
		task_terminate(task);
		mach_port_deallocate(mach_task_self(), task);
		return error;
	}
	*taskp = task;
	return 0;
}
