/*
 * vm_inherit.h -- what a child task made by task_create gets of each
 * region of its parent.
 */
#ifndef _MACH_VM_INHERIT_H_
#define _MACH_VM_INHERIT_H_

typedef int vm_inherit_t;

#define VM_INHERIT_SHARE	((vm_inherit_t)0)	/* shared memory */
#define VM_INHERIT_COPY		((vm_inherit_t)1)	/* copy-on-write */
#define VM_INHERIT_NONE		((vm_inherit_t)2)	/* absent */
#define VM_INHERIT_DEFAULT	VM_INHERIT_COPY

#endif
