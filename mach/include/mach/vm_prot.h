/*
 * vm_prot.h -- virtual memory protection bits (GNU Mach values).
 */
#ifndef _MACH_VM_PROT_H_
#define _MACH_VM_PROT_H_

typedef int vm_prot_t;

#define VM_PROT_NONE	0
#define VM_PROT_READ	1
#define VM_PROT_WRITE	2
#define VM_PROT_EXECUTE	4
#define VM_PROT_DEFAULT	(VM_PROT_READ | VM_PROT_WRITE)
#define VM_PROT_ALL	(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)

/* vm_protect: leave the protection alone; the pager: notify on change. */
#define VM_PROT_NO_CHANGE	0x08
#define VM_PROT_NOTIFY		0x10

#endif
