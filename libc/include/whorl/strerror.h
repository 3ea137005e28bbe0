/*
 * whorl/strerror.h -- names and messages for every kind of error code a
 * Whorl call returns (errno, kern_return_t, mach_msg, MIG, device D_*).
 * Implemented in libc/strerror.c, which also supplies strerror itself.
 */
#ifndef _WHORL_STRERROR_H_
#define _WHORL_STRERROR_H_

const char	*libc_strerror_name(int);
const char	*libc_strerror_text(int);

#endif /* _WHORL_STRERROR_H_ */
