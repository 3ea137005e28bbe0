/*
 * ctty.c -- job control in the term server: which session the terminal
 * belongs to, its foreground process group, the opens processes declared
 * their controlling terminal (term_set_ctty) and the signals the
 * terminal decides on.  Signals cannot be delivered yet (proc has no
 * message-port path): ctty_signal logs them, term_take_signals hands
 * the log out, and job control answers EIO as POSIX does for a process
 * that cannot be signalled.  All under term.lock.  docs/term.md.
 */
#include <errno.h>
#include <stdio.h>
#include <mach/mach_traps.h>

#include "termsrv.h"
#include "srv_node_int.h"
#include "term_S.h"

/* The open of an io port of ours, or NULL. */
static struct srv_open *
ctty_open_of(struct srv_port *p)
{
	return p != NULL && p->class == &srv_protid_class ?
	    ((struct srv_protid *)p)->open : NULL;
}

struct term_tag *
ctty_tag_of(struct srv_open *o)
{
	for (unsigned int i = 0; i < TERM_MAX_TAGS; i++)
		if (term.tag[i].open == o && o != NULL)
			return &term.tag[i];
	return NULL;
}

static void
ctty_untag(struct term_tag *t)
{
	srv_port_release(t->pin);
	t->open = NULL;
	t->pin = NULL;
}

/*
 * Forget tags whose port the library has destroyed (no senders left).
 * The flag is the library's, read without its lock: a stale read only
 * keeps a tag until the next sweep.
 */
static void
ctty_sweep(void)
{
	for (unsigned int i = 0; i < TERM_MAX_TAGS; i++)
		if (term.tag[i].open != NULL &&
		    __atomic_load_n(&term.tag[i].pin->dead, __ATOMIC_RELAXED))
			ctty_untag(&term.tag[i]);
}

/*
 * The terminal decided to send sig to process group pgrp.  The hook
 * where proc's signal delivery (proc_getmsgport, then the msg port's
 * sig_post) will go; today it is logged, bounded, and printed.
 */
void
ctty_signal(int sig, int32_t pgrp)
{
	char line[96];

	if (term.nsigs == TERM_MAX_SIGS) {
		term.lost++;
		return;
	}
	term.sigs[term.nsigs * 2] = sig;
	term.sigs[term.nsigs * 2 + 1] = pgrp;
	term.nsigs++;
	snprintf(line, sizeof(line), "term: signal %d for process group %d "
	    "(logged, not delivered)\n", sig, (int)pgrp);
	mach_print(line);
}

/*
 * Job control through open o: a read (SIGTTIN), a write (SIGTTOU, only
 * with TOSTOP) or a change of the terminal (CTTY_CHANGE: SIGTTOU
 * always, as POSIX says of tcsetattr, tcflush, tcdrain) by a process of
 * a background group of the terminal's session is refused.  Its group
 * gets the signal in the log and the call EIO, POSIX's answer when the
 * signal cannot be delivered (the only case until proc delivers
 * signals).  0: go on.
 */
int
ctty_check(struct srv_open *o, int what)
{
	struct term_tag *t = ctty_tag_of(o);
	int sig = what == CTTY_READ ? TERM_SIGTTIN : TERM_SIGTTOU;

	if (t == NULL || term.sid == 0 || t->sid != term.sid ||
	    term.fg_pgrp == 0 || t->pgrp == term.fg_pgrp)
		return 0;
	if (what == CTTY_WRITE && !(term.ld.t.lflag & LD_TOSTOP))
		return 0;
	ctty_signal(sig, t->pgrp);
	return EIO;
}

/* Tag o for (pid, pgrp, sid); ENOSPC when every slot is live. */
static int
ctty_tag(struct srv_port *io, struct srv_open *o, int32_t pid,
    int32_t pgrp, int32_t sid)
{
	struct term_tag *t = ctty_tag_of(o);

	if (t == NULL) {
		ctty_sweep();
		t = ctty_tag_of(NULL);
		for (unsigned int i = 0; t == NULL && i < TERM_MAX_TAGS; i++)
			if (term.tag[i].open == NULL)
				t = &term.tag[i];
		if (t == NULL)
			return ENOSPC;
		srv_port_ref(io);
		t->pin = io;
		t->open = o;
	}
	t->pid = pid;
	t->pgrp = pgrp;
	t->sid = sid;
	return 0;
}

kern_return_t
S_term_set_ctty(srv_port_t io, int32_t pid, int32_t pgrp, int32_t sid)
{
	struct srv_open *o = ctty_open_of(io);
	int error = 0;

	if (o == NULL)
		return EOPNOTSUPP;
	if (pid <= 0 || pgrp <= 0 || sid <= 0)
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	if (term.sid == 0 && pid != sid)
		error = EPERM;	/* only a session leader takes it */
	else if (term.sid != 0 && term.sid != sid)
		error = EPERM;		/* another session's terminal */
	if (error == 0)
		error = ctty_tag(io, o, pid, pgrp, sid);
	if (error == 0 && term.sid == 0) {
		term.sid = sid;
		term.fg_pgrp = pgrp;
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_get_sid(srv_port_t io, int32_t *sid)
{
	int error = 0;

	if (ctty_open_of(io) == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	if (term.sid == 0)
		error = ENOTTY;
	*sid = term.sid;
	pthread_mutex_unlock(&term.lock);
	return error;
}

/*
 * TIOCNOTTY from the session leader: the foreground group gets SIGHUP
 * (logged), the terminal has no session and every tag goes.
 */
kern_return_t
S_term_release_ctty(srv_port_t io)
{
	struct srv_open *o = ctty_open_of(io);
	struct term_tag *t;
	int error = 0;

	if (o == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	t = ctty_tag_of(o);
	if (t == NULL || term.sid == 0 || t->sid != term.sid)
		error = ENOTTY;
	else if (t->pid != term.sid)
		error = EPERM;
	if (error == 0) {
		if (term.fg_pgrp != 0)
			ctty_signal(TERM_SIGHUP, term.fg_pgrp);
		term.sid = term.fg_pgrp = 0;
		for (unsigned int i = 0; i < TERM_MAX_TAGS; i++)
			if (term.tag[i].open != NULL)
				ctty_untag(&term.tag[i]);
	}
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_get_pgrp(srv_port_t io, int32_t *pgrp)
{
	if (ctty_open_of(io) == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&term.lock);
	*pgrp = term.fg_pgrp;
	pthread_mutex_unlock(&term.lock);
	return 0;
}

/*
 * tcsetpgrp: only through an open of a process of the terminal's
 * session (ENOTTY otherwise), from its foreground (a background caller
 * gets SIGTTOU, EIO).  That pgrp is a group of the session is proc's
 * to say (proc_getsid); until term holds a proc port it is trusted.
 */
kern_return_t
S_term_set_pgrp(srv_port_t io, int32_t pgrp)
{
	struct srv_open *o = ctty_open_of(io);
	struct term_tag *t;
	int error = 0;

	if (o == NULL)
		return EOPNOTSUPP;
	if (pgrp <= 0)
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	t = ctty_tag_of(o);
	if (t == NULL || term.sid == 0 || t->sid != term.sid)
		error = ENOTTY;
	else if (t->pgrp != term.fg_pgrp) {
		ctty_signal(TERM_SIGTTOU, t->pgrp);
		error = EIO;
	}
	if (error == 0)
		term.fg_pgrp = pgrp;
	pthread_mutex_unlock(&term.lock);
	return error;
}

kern_return_t
S_term_take_signals(srv_port_t io, int32_t max, term_sigarray_t sigs,
    mach_msg_type_number_t *sigsCnt, int32_t *lost)
{
	unsigned int n;

	if (ctty_open_of(io) == NULL)
		return EOPNOTSUPP;
	if (max < 0)
		return EINVAL;
	pthread_mutex_lock(&term.lock);
	n = term.nsigs * 2;
	if (n > *sigsCnt)
		n = *sigsCnt & ~1u;
	if (n > (unsigned int)max * 2)
		n = max * 2;
	for (unsigned int i = 0; i < n; i++)
		sigs[i] = term.sigs[i];
	for (unsigned int i = n; i < term.nsigs * 2; i++)
		term.sigs[i - n] = term.sigs[i];
	term.nsigs -= n / 2;
	*sigsCnt = n;
	*lost = term.lost;
	term.lost = 0;
	pthread_mutex_unlock(&term.lock);
	return 0;
}
