/*
 * term_types.h -- C types and constants of the terminal protocol
 * (translators/defs/term.defs) for MIG's stubs, the term server and its
 * clients.  docs/term.md describes every routine.
 */
#ifndef _TERM_TYPES_H_
#define _TERM_TYPES_H_

#include <stdint.h>

/*
 * The termios record as 11 int32_t words: the four flag words, the 20
 * control characters packed four to a word (byte i of c_cc is byte i%4,
 * little-endian, of word TERM_T_CC + i/4), the input and output speeds
 * in bits per second.  Flag values are BSD 4.4's (the Hurd's glibc).
 */
typedef struct { int32_t w[11]; } term_termios_t;
enum term_termios_word {
	TERM_T_IFLAG, TERM_T_OFLAG, TERM_T_CFLAG, TERM_T_LFLAG,
	TERM_T_CC,		/* 5 words */
	TERM_T_ISPEED = 9, TERM_T_OSPEED = 10, TERM_T_WORDS = 11
};

typedef int32_t *term_sigarray_t;
typedef struct { int64_t w[10]; } term_stats_t;
enum term_stats_word {
	TERM_S_INPUT,		/* bytes in the input queue */
	TERM_S_OUTPUT,		/* bytes waiting for the UART */
	TERM_S_DROPPED,		/* typed bytes refused: queue full */
	TERM_S_RECEIVED,	/* bytes the UART gave us */
	TERM_S_SENT,		/* bytes we gave the UART */
	TERM_S_VSIZE,		/* the server's virtual size, bytes */
	TERM_S_WAITING,		/* deferred reads, writes and the like */
	TERM_S_INTERRUPTS,	/* UART interrupts taken */
	TERM_S_RX_TSC,		/* TSC at the last input's interrupt */
	TERM_S_RESERVED,
	TERM_S_WORDS = 10
};

#define TERM_TCSANOW	0
#define TERM_TCSADRAIN	1
#define TERM_TCSAFLUSH	2

#define TERM_FLUSH_IN	1
#define TERM_FLUSH_OUT	2

/* Signal numbers term reports (Whorl's, as <signal.h>). */
#define TERM_SIGHUP	1
#define TERM_SIGINT	2
#define TERM_SIGQUIT	3
#define TERM_SIGTSTP	18
#define TERM_SIGTTIN	21
#define TERM_SIGTTOU	22
#define TERM_SIGWINCH	28

#endif
