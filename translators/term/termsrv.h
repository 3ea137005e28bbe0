/*
 * termsrv.h -- what the term server's files share: the one terminal (its
 * line discipline, the readers and writers waiting on it, its job
 * control state) and the 16550 UART under it.  term.c serves the io
 * and term protocols, uart.c drives COM1, ctty.c keeps job control.
 * docs/term.md.
 */
#ifndef TERMSRV_H
#define TERMSRV_H

#include <pthread.h>
#include <stdint.h>
#include <mach/port.h>

#include "srv_node.h"
#include "ldisc.h"
#include "term_types.h"

/* Requests kept for later (deferred replies); bounded. */
#define TERM_MAX_WAITERS	128
#define TERM_MAX_TAGS		64	/* opens under job control */
#define TERM_MAX_SIGS		32	/* undelivered signals kept */
#define TERM_READ_INLINE	2048	/* most a waiting read answers */
#define TERM_WRITE_KEEP		LD_OUTQ_SIZE	/* kept by a write */

enum term_wait_kind { TW_FREE, TW_READ, TW_WRITE, TW_SELECT, TW_DRAIN,
	TW_SETATTR };

/* One deferred request. */
struct term_wait {
	enum term_wait_kind kind;
	struct srv_reply reply;
	uint64_t started;	/* ms, for VTIME */
	size_t want;		/* read: bytes asked */
	int types;		/* select: IO_SELECT_* asked */
	uint8_t *data;		/* write: the bytes (malloc), len */
	size_t len, off;	/* write: bytes kept, of which taken */
	size_t total;		/* write: the count to answer */
	struct ld_termios t;	/* setattr: the record to install */
	int flush;		/* setattr: TCSAFLUSH */
	unsigned long seq;	/* arrival order */
};

/* An open a process declared its controlling terminal (term_set_ctty). */
struct term_tag {
	struct srv_open *open;		/* NULL: free slot */
	struct srv_port *pin;		/* a reference: open stays */
	int32_t pid, pgrp, sid;
};

/* The terminal.  [L] under lock. */
struct term {
	pthread_mutex_t lock;
	struct ldisc ld;			/* [L] */
	struct term_wait wait[TERM_MAX_WAITERS];	/* [L] */
	unsigned long seq;			/* [L] */
	unsigned int nwait;			/* [L] */
	struct term_tag tag[TERM_MAX_TAGS];	/* [L] */
	int32_t fg_pgrp, sid;			/* [L] 0: none */
	int32_t rows, cols, xpixel, ypixel;	/* [L] window size */
	int32_t sigs[TERM_MAX_SIGS * 2];	/* [L] (signal, pgrp) */
	unsigned int nsigs, lost;		/* [L] */
	int64_t received, sent, interrupts;	/* [L] */
	uint64_t rx_tsc;			/* [L] */
	mach_port_t wake;			/* [I] device thread's port */
};

extern struct term term;

/* uart.c */
int	uart_start(mach_port_t device_master);
void	uart_kick(void);
int	uart_set_speed(uint32_t speed);
int	uart_speed_ok(uint32_t speed);
void	uart_run(void);
void	term_wake_device(void);

/* term.c */
uint64_t term_now(void);
void	term_service(void);

/* ctty.c */
struct term_tag *ctty_tag_of(struct srv_open *o);
enum { CTTY_READ, CTTY_WRITE, CTTY_CHANGE };
int	ctty_check(struct srv_open *o, int what);
void	ctty_signal(int sig, int32_t pgrp);

#endif
