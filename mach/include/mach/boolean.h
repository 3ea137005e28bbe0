/*
 * boolean.h -- boolean_t, the 4-byte truth value of the Mach interfaces
 * (MIG sends it as MACH_MSG_TYPE_BOOLEAN, 32 bits).
 */
#ifndef _MACH_BOOLEAN_H_
#define _MACH_BOOLEAN_H_

#ifndef __ASSEMBLER__
typedef int boolean_t;
#endif

#ifndef TRUE
#define TRUE	((boolean_t)1)
#endif
#ifndef FALSE
#define FALSE	((boolean_t)0)
#endif

#endif
