/*
 * noports.c -- a task booted without the port options: no privileged
 * ports, and fds 0-2 answer EBADF since there is no console to reach.
 * The verdict goes out through mach_print, as stdio cannot work here.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach_traps.h>
#include <whorl/ports.h>

int
main(int argc, char **argv)
{
	char c;
	int ok = 1;

	ok &= __whorl_host_priv == MACH_PORT_NULL;
	ok &= __whorl_device_master == MACH_PORT_NULL;
	ok &= argc == 2 && strcmp(argv[1], "--host-priv-port=x") == 0;
	errno = 0;
	ok &= write(1, "x", 1) == -1 && errno == EBADF;
	errno = 0;
	ok &= read(0, &c, 1) == -1 && errno == EBADF;
	ok &= !isatty(1);
	mach_print(ok ? "TEST PASS\n" : "TEST FAIL: noports\n");
	return 0;
}
