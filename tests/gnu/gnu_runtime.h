/*
 * gnu_runtime.h -- what glibc would declare for a GNU Mach program (the
 * traps; gnumach-dev has no mach_traps.h) and the verdict helpers of
 * gnu_runtime.c.
 */
#ifndef GNU_RUNTIME_H
#define GNU_RUNTIME_H

#include <mach/message.h>
#include <mach/port.h>

mach_port_t	mach_task_self(void);
mach_port_t	mach_host_self(void);
mach_port_t	mach_reply_port(void);
void		mach_print(const char *);
int		swtch(void);
mach_msg_return_t mach_msg(mach_msg_header_t *, mach_msg_option_t,
		    mach_msg_size_t, mach_msg_size_t, mach_port_t,
		    mach_msg_timeout_t, mach_port_t);
void		*memcpy(void *, const void *, unsigned long);
void		*memset(void *, int, unsigned long);
void		gnu_check(int ok, const char *what);
void		gnu_print_hex(const char *label, unsigned long value);
mach_port_t	gnu_thread_start(void (*fn)(void));
void		gnu_sleep(unsigned int ms);
mach_msg_return_t gnu_receive(mach_port_t name, mach_msg_header_t *buf,
		    mach_msg_size_t size, unsigned int timeout_ms);

#define CHECK(c)	gnu_check((c) != 0, #c)

#endif
