/*
 * kernel_usage.h -- Whorl's own (GNU Mach has no such): what the kernel
 * holds for a task, against the task's limit (whorl.defs:
 * task_kernel_usage, task_set_kernel_limit; docs/kernel.md, "Limits").
 * Byte figures are the kernel's own sizes; the other fields are counts.
 */
#ifndef _MACH_KERNEL_USAGE_H_
#define _MACH_KERNEL_USAGE_H_

#include <mach/machine/vm_types.h>

struct whorl_kernel_usage {
	rpc_vm_size_t	limit;		/* bytes the task may be charged */
	rpc_vm_size_t	used;		/* bytes charged now */
	rpc_vm_size_t	refused;	/* charges refused so far */
	rpc_vm_size_t	ports;		/* ports it allocated */
	rpc_vm_size_t	name_slots;	/* slots of its name table */
	rpc_vm_size_t	dnrequests;	/* dead-name requests */
	rpc_vm_size_t	threads;
	rpc_vm_size_t	map_entries;
	rpc_vm_size_t	page_tables;	/* page-table pages */
	rpc_vm_size_t	messages;	/* queued messages charged to it */
	rpc_vm_size_t	message_bytes;	/* their buffers and port arrays */
	rpc_vm_size_t	ool_pages;	/* their out-of-line pages */
	rpc_vm_size_t	descendants;	/* bytes charged to the tasks it
					   created and theirs: counted
					   against its limit too */
	rpc_vm_size_t	port_sets;	/* port sets it allocated */
};
typedef struct whorl_kernel_usage whorl_kernel_usage_data_t;
#define WHORL_KERNEL_USAGE_COUNT \
	(sizeof(struct whorl_kernel_usage) / sizeof(integer_t))

#endif
