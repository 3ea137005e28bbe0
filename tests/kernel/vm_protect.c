/*
 * vm_protect.c -- protections reach pages already resident: after
 * vm_protect to VM_PROT_NONE, reading a page the task had touched raises
 * EXC_BAD_ACCESS (the child that tries it is reported and ended, and
 * never says it read the page), and VM_PROT_READ stops writes the same
 * way while reads go on.
 */
#include "vm_child.h"

#define PAGE		4096

static volatile uint32_t *page;		/* touched, VM_INHERIT_COPY */
static volatile uint32_t *said;		/* VM_INHERIT_SHARE */
static vm_prot_t prot;			/* what the child sets */
static int do_write;			/* and then tries */

static void
child_main(void)
{
	uint32_t v;

	vm_child_start();
	v = page[0];			/* resident and mapped in the child */
	said[0] = v;
	if (vm_protect(mach_task_self(), (vm_address_t)page, PAGE, FALSE,
	    prot) != 0)
		vm_child_exit();
	said[1] = 1;
	if (do_write)
		page[0] = 2;
	else
		v = page[0];
	said[2] = v + 1;		/* must not get here */
	vm_child_exit();
}

static void
run(vm_prot_t p, int write)
{
	struct vm_child c;

	said[0] = said[1] = said[2] = 0;
	prot = p;
	do_write = write;
	CHECK(vm_child_create(&c, child_main) == 0);
	CHECK(vm_child_run(&c) == 0);
	vm_child_wait(&c);
	CHECK(said[0] == 0x77 && said[1] == 1 && said[2] == 0);
}

int
main(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t a = 0, s = 0;

	CHECK(vm_allocate(self, &a, PAGE, TRUE) == 0);
	CHECK(vm_allocate(self, &s, PAGE, TRUE) == 0);
	CHECK(vm_inherit(self, s, PAGE, VM_INHERIT_SHARE) == 0);
	page = (volatile uint32_t *)a;
	said = (volatile uint32_t *)s;
	page[0] = 0x77;
	run(VM_PROT_NONE, 0);
	run(VM_PROT_READ, 1);
	test_printf("vm_protect: both children stopped\n");
	/* Here the page is untouched by all that. */
	CHECK(page[0] == 0x77);
	return 0;
}
