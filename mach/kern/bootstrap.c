/*
 * bootstrap.c -- starts the boot modules.  Each module's command line is
 * a boot-script line (kern/bootscript.h); the callbacks here create tasks,
 * load ELF images (kern/elf.h validates them first), lay out argc/argv on
 * the new stack as ABI.md says, and resume the tasks.  Called once by kmain;
 * the script runs in a kernel thread of its own.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/console.h"
#include "kern/cmdline.h"
#include "kern/bootinfo.h"
#include "kern/bootscript.h"
#include "kern/elf.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kern/bootstrap.h"
#include "vm/vm_map.h"
#include "kern/host.h"
#include "kern/device.h"
#include "kern/ramdisk.h"
#include "ipc/ipc_kobject.h"
#include "machine/pmap.h"
#include "machine/console.h"

#define USER_STACK_SIZE	(256 * 1024)
#define USER_STACK_TOP	USER_MAX

struct boot_ctx {
	const struct boot_info	*bi;
};

static bool
boot_lookup(void *ctx, const char *name, struct bootscript_value *v)
{
	const char *s;

	(void)ctx;
	if (strcmp(name, "kernel-command-line") == 0)
		s = cmdline_raw();
	else if (strcmp(name, "boot-args") == 0)
		s = cmdline_boot_args();
	else if (strcmp(name, "root-device") == 0)
		s = cmdline_root_device();
	else if (strcmp(name, "host-port") == 0) {
		v->kind = BOOTSCRIPT_PORT;
		v->obj = realhost.host_priv;
		return true;
	} else if (strcmp(name, "device-port") == 0) {
		v->kind = BOOTSCRIPT_PORT;
		v->obj = device_master_port;
		return true;
	} else if (strcmp(name, "kernel-task") == 0) {
		/* The kernel has no task of its own: a null name. */
		v->kind = BOOTSCRIPT_PORT;
		v->obj = NULL;
		return true;
	} else
		s = cmdline_get(name);
	if (s == NULL)
		return false;
	v->kind = BOOTSCRIPT_STR;
	v->str = s;
	return true;
}

static int
boot_task_create(void *ctx, unsigned module, const char *name, void **task)
{
	(void)ctx;
	(void)module;
	*task = task_create_named(name);
	return *task == NULL ? -1 : 0;
}

/* A send right to the value's port in the task; its name for argv. */
static int
boot_insert_right(void *ctx, void *task_, const struct bootscript_value *v,
    uint32_t *name)
{
	struct task *task = task_;
	struct ipc_port *p;

	(void)ctx;
	p = v->kind == BOOTSCRIPT_TASK ? ((struct task *)v->obj)->itk_self :
	    v->obj;
	*name = p == NULL ? MACH_PORT_NAME_NULL :
	    ipc_kobject_copy_send(task->itk_space, p);
	return 0;
}

/* Map one PT_LOAD segment and copy its file bytes; the rest is zero. */
static int
boot_load_segment(struct vm_map *map, const uint8_t *image,
    const struct elf_segment *s)
{
	uint64_t start = ROUND_DOWN(s->vaddr, PAGE_SIZE);
	uint64_t end = ROUND_UP(s->vaddr + s->memsz, PAGE_SIZE);
	vm_prot_t prot = 0;

	if (s->flags & ELF_SEG_R)
		prot |= VM_PROT_READ;
	if (s->flags & ELF_SEG_W)
		prot |= VM_PROT_WRITE;
	if (s->flags & ELF_SEG_X)
		prot |= VM_PROT_EXECUTE;
	if (vm_map_enter(map, &start, end - start, false,
	    prot | VM_PROT_WRITE) != KERN_SUCCESS)
		return -1;
	if (vm_copyout(map, image + s->offset, s->vaddr, s->filesz) !=
	    KERN_SUCCESS)
		return -1;
	return vm_map_protect(map, start, end, prot) == KERN_SUCCESS ? 0 : -1;
}

/*
 * The initial stack: argc, argv[], NULL, (no envp) NULL, then the strings.
 * Returns the user rsp (16-byte aligned, pointing at argc) or 0.
 */
static uint64_t
boot_build_stack(struct vm_map *map, int argc, char **argv)
{
	uint64_t base = USER_STACK_TOP - USER_STACK_SIZE, sp, strp;
	uint64_t vec[BOOTSCRIPT_MAX_WORDS + 4];
	int i, n = 0;

	if (vm_map_enter(map, &base, USER_STACK_SIZE, false,
	    VM_PROT_READ | VM_PROT_WRITE) != KERN_SUCCESS)
		return 0;
	strp = USER_STACK_TOP;
	vec[n++] = argc;
	for (i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		strp -= len;
		if (vm_copyout(map, argv[i], strp, len) != KERN_SUCCESS)
			return 0;
		vec[n++] = strp;
	}
	vec[n++] = 0;		/* end of argv */
	vec[n++] = 0;		/* end of the (empty) environment */
	sp = ROUND_DOWN(strp - n * sizeof(uint64_t), 16);
	if (vm_copyout(map, vec, sp, n * sizeof(uint64_t)) != KERN_SUCCESS)
		return 0;
	return sp;
}

static int
boot_exec(void *ctx, unsigned module, void *task_, int argc, char **argv)
{
	const struct boot_module *m = &((struct boot_ctx *)ctx)->bi->modules[module];
	const uint8_t *image = phys_to_virt(m->start);
	struct task *task = task_;
	struct elf_image elf;
	const char *why;
	uint64_t sp;

	if (elf_check(image, m->end - m->start, &elf, &why) < 0) {
		kprintf("whorl: module %u (%s): not loaded: %s\n", module,
		    argv[0], why);
		return -1;
	}
	for (unsigned i = 0; i < elf.nsegs; i++)
		if (boot_load_segment(task->map, image, &elf.seg[i]) != 0)
			return -1;
	sp = boot_build_stack(task->map, argc, argv);
	if (sp == 0 || thread_create_user(task, elf.entry, sp) == NULL)
		return -1;
	/* Loaded and suspended once, as on GNU Mach: $(task-resume), or
	 * any holder of the task port (the Hurd's root file system resumes
	 * ${exec-task} so), starts it with task_resume. */
	task_suspend(task);
	task_start(task);
	return 0;
}

/*
 * Wait for return on the console (a terminal sends CR, a pipe LF),
 * sleeping a tick between polls so that the tasks already started run
 * meanwhile.
 */
static void
boot_wait_return(void)
{
	int c;

	while ((c = serial_getc()) != '\r' && c != '\n')
		if (c < 0)
			thread_block(NULL, 1000 / HZ);
}

static int
boot_task_resume(void *ctx, unsigned module, void *task, bool prompt)
{
	(void)ctx;
	if (prompt) {
		kprintf("whorl: press return to start module %u (%s)\n",
		    module, ((struct task *)task)->name);
		boot_wait_return();
	}
	return task_resume(task) == KERN_SUCCESS ? 0 : -1;
}

static void
boot_task_destroy(void *ctx, void *task)
{
	(void)ctx;
	task_terminate(task);
}

static void
boot_error(void *ctx, unsigned module, const char *name, const char *why)
{
	(void)ctx;
	kprintf("whorl: boot module %u (%s) skipped: %s\n", module,
	    name != NULL ? name : "?", why);
}

/* $(ramdisk-create): the module's own pages become the next rdN. */
static int
boot_ramdisk_create(void *ctx, unsigned module, const char **name)
{
	const struct boot_module *m =
	    &((struct boot_ctx *)ctx)->bi->modules[module];

	if (ramdisk_create(phys_to_virt(m->start), m->end - m->start, name) !=
	    KERN_SUCCESS)
		return -1;
	kprintf("whorl: module %u is ramdisk %s (%lu bytes)\n", module, *name,
	    (unsigned long)(m->end - m->start));
	return 0;
}

static const struct bootscript_ops boot_ops = {
	.lookup = boot_lookup,
	.task_create = boot_task_create,
	.insert_right = boot_insert_right,
	.exec = boot_exec,
	.task_resume = boot_task_resume,
	.task_destroy = boot_task_destroy,
	.error = boot_error,
	.ramdisk_create = boot_ramdisk_create,
};

/* The boot script, run by its own kernel thread, which then ends. */
static void
bootstrap_run(void *arg)
{
	struct boot_ctx *ctx = arg;
	const struct boot_info *bi = ctx->bi;
	struct bootscript *bs = kzalloc(sizeof(*bs));
	int i;

	if (bs == NULL)
		panic("bootstrap: no memory for the boot script");
	bootscript_init(bs);
	for (i = 0; i < bi->nmodules; i++)
		bootscript_add_line(bs, bi->modules[i].cmdline, NULL);
	kprintf("whorl: %d boot module%s\n", bi->nmodules,
	    bi->nmodules == 1 ? "" : "s");
	bootscript_run(bs, &boot_ops, ctx);
	kfree(bs);
}

/*
 * Start the boot script in a kernel thread of the best priority, as GNU
 * Mach does: it runs before any task, but while it waits at a
 * prompt-task-resume the tasks it already resumed go on.  bi must live
 * until the script is done.
 */
void
bootstrap_modules(const struct boot_info *bi)
{
	static struct boot_ctx ctx;
	struct thread *t;

	ctx.bi = bi;
	t = thread_create_kernel("bootstrap", bootstrap_run, &ctx, 0);
	if (t == NULL)
		panic("bootstrap: no thread for the boot script");
	sched_make_runnable(t);
}
