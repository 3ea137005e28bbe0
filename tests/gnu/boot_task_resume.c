/*
 * boot_task_resume.c -- a boot task created without $(task-resume) is
 * loaded and suspended once, as on GNU Mach (the Hurd's root file system
 * relies on it to start ${exec-task}): the line "parent" gets the task
 * port of the line "child", resumes it with task_resume, and a second
 * task_resume then fails because the count is back to zero.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include "gnu_runtime.h"
#include "mach_user.h"

static unsigned long
number(const char *s)
{
	unsigned long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (unsigned long)(*s++ - '0');
	return n;
}

int
main(int argc, char **argv)
{
	mach_port_t child;

	if (argc == 1) {			/* the child, once resumed */
		mach_print("boot_task_resume: child running\n");
		return 0;
	}
	child = (mach_port_t)number(argv[1]);
	CHECK(child != MACH_PORT_NULL);
	CHECK(task_resume(child) == KERN_SUCCESS);
	CHECK(task_resume(child) != KERN_SUCCESS);
	return 0;
}
