/*
 * gnu_runtime.c -- the little a program built against GNU Mach's own
 * headers needs to run on Whorl as a boot module: MIG's support routines,
 * memcpy/memset for the stubs, console output and the verdict.  Compiled
 * only against gnumach-dev's headers (tests/gnu/stubs.sh), so it shares
 * no code with Whorl's headers on purpose.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"
#include "mach_user.h"
#include <mach/thread_status.h>

int	gnu_failures, gnu_checks;

static mach_port_t reply_port;

void *
memcpy(void *d, const void *s, unsigned long n)
{
	char *dp = d;
	const char *sp = s;

	while (n-- > 0)
		*dp++ = *sp++;
	return d;
}

void *
memset(void *d, int c, unsigned long n)
{
	char *dp = d;

	while (n-- > 0)
		*dp++ = (char)c;
	return d;
}

mach_port_t
mig_get_reply_port(void)
{
	if (reply_port == MACH_PORT_NULL)
		reply_port = mach_reply_port();
	return reply_port;
}

void
mig_dealloc_reply_port(mach_port_t port)
{
	if (port == reply_port)
		reply_port = MACH_PORT_NULL;
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

void
mig_put_reply_port(mach_port_t port)
{
	(void)port;
}

vm_size_t
mig_strncpy(char *dst, const char *src, vm_size_t len)
{
	vm_size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len - 1 && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return i;
}

void
mig_allocate(vm_address_t *addr, vm_size_t size)
{
	if (vm_allocate(mach_task_self(), addr, size, 1) != KERN_SUCCESS)
		*addr = 0;
}

void
mig_deallocate(vm_address_t addr, vm_size_t size)
{
	vm_deallocate(mach_task_self(), addr, size);
}

void
gnu_check(int ok, const char *what)
{
	gnu_checks++;
	if (!ok) {
		gnu_failures++;
		mach_print("gnu: not ok: ");
		mach_print(what);
		mach_print("\n");
	}
}

/* Print a label and a value in hexadecimal, for a failing check's detail. */
void
gnu_print_hex(const char *label, unsigned long value)
{
	char buf[19];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(value >> (60 - 4 * i)) & 15];
	buf[18] = '\0';
	mach_print(label);
	mach_print(buf);
	mach_print("\n");
}

void
test_exit(int status)
{
	if (status == 0 && gnu_failures == 0)
		mach_print("TEST PASS\n");
	else
		mach_print("TEST FAIL\n");
	for (;;)
		swtch();
}

/*
 * A second thread of this task running fn (which must never return) on a
 * fresh 64 KiB stack; MACH_PORT_NULL if the kernel refused.
 */
mach_port_t
gnu_thread_start(void (*fn)(void))
{
	struct i386_thread_state st;
	mach_port_t thread = MACH_PORT_NULL;
	vm_address_t stack = 0;

	memset(&st, 0, sizeof(st));
	if (vm_allocate(mach_task_self(), &stack, 65536, 1) != KERN_SUCCESS ||
	    thread_create(mach_task_self(), &thread) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	st.rip = (unsigned long)fn;
	st.ursp = stack + 65536 - 8;
	if (thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) != KERN_SUCCESS ||
	    thread_resume(thread) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return thread;
}

/* Receive into buf with a timeout (in milliseconds). */
mach_msg_return_t
gnu_receive(mach_port_t name, mach_msg_header_t *buf, mach_msg_size_t size,
    unsigned int timeout_ms)
{
	return mach_msg(buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size, name,
	    timeout_ms, MACH_PORT_NULL);
}

/* Let other threads run for about ms milliseconds. */
void
gnu_sleep(unsigned int ms)
{
	static mach_port_t idle;
	mach_msg_header_t h;

	if (idle == MACH_PORT_NULL)
		mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
		    &idle);
	gnu_receive(idle, &h, sizeof(h), ms);
}
