/*
 * task.h -- machine state of a task: on x86_64, the I/O ports it may use
 * (granted by i386_io_perm_modify; drivers run in user space).
 */
#ifndef MACHINE_TASK_H
#define MACHINE_TASK_H

#include <stdint.h>

struct machine_task {
	uint8_t		*io_bitmap;	/* a set bit denies the port; NULL: all */
};

void	machine_task_switch(const struct machine_task *next);
void	machine_task_destroy(struct machine_task *);

#endif
