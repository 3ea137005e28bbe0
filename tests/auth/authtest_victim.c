/*
 * authtest_victim.c -- a party that authtest_root kills in the middle of
 * a rendezvous.  "user": waits in auth_user_authenticate on a rendezvous
 * port of its own.  "server": waits in auth_server_authenticate on the
 * rendezvous port root gave it (AT_SERVICE).  Neither returns.
 */
static const char *at_name = "authtest_victim";
#include "at_common.h"

int
main(int argc, char **argv)
{
	mach_port_t np = MACH_PORT_NULL;
	struct auth_ids ids;
	kern_return_t kr;

	if (argc > 1 && strcmp(argv[1], "server") == 0)
		kr = auth_server_authenticate(AT_AUTH, AT_SERVICE,
		    MACH_MSG_TYPE_MOVE_SEND, at_port(),
		    MACH_MSG_TYPE_MAKE_SEND, &ids);
	else
		kr = auth_user_authenticate(AT_AUTH, at_port(),
		    MACH_MSG_TYPE_MAKE_SEND, &np);
	/* Only the root task's task_terminate should end this. */
	printf("TEST FAIL: %s %s returned %#x\n", at_name,
	    argc > 1 ? argv[1] : "user", kr);
	return 1;
}
