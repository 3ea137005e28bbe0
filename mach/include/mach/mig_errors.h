/*
 * mig_errors.h -- the codes MIG stubs return, and the reply header every
 * MIG reply starts with (48 bytes; an error reply is exactly this).
 */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/kern_return.h>
#include <mach/message.h>

#define MIG_TYPE_ERROR		-300	/* type check failure */
#define MIG_REPLY_MISMATCH	-301	/* wrong reply message id */
#define MIG_REMOTE_ERROR	-302	/* server detected error */
#define MIG_BAD_ID		-303	/* bad request message id */
#define MIG_BAD_ARGUMENTS	-304	/* server type check failure */
#define MIG_NO_REPLY		-305	/* no reply should be sent */
#define MIG_EXCEPTION		-306	/* server raised exception */
#define MIG_ARRAY_TOO_LARGE	-307	/* array not large enough */
#define MIG_SERVER_DIED		-308	/* server died */
#define MIG_DESTROY_REQUEST	-309	/* destroy request with no reply */

typedef struct {
	mach_msg_header_t	Head;		/* 0 */
	mach_msg_type_t		RetCodeType;	/* 32 */
	kern_return_t		RetCode;	/* 40, 4 bytes of padding follow */
} mig_reply_header_t;

typedef struct mig_symtab {
	char	*ms_routine_name;
	int	 ms_routine_number;
	void	(*ms_routine)(void);
} mig_symtab_t;

/* A server stub: request in, reply out. */
typedef void (*mig_routine_t)(mach_msg_header_t *, mach_msg_header_t *);

#endif
