/*
 * test_ldisc.c -- host test of the line discipline (ldisc.c): every
 * editing and signal character, echo flags, CR/NL mapping, output
 * processing, VMIN/VTIME, flow control, the queue limits and random
 * bytes checked against the invariants.  Exits 0 when all pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldisc.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, \
	#c); } } while (0)

static struct ldisc ld;

static void
reset(void)
{
	ld_init(&ld);
}

static void
type(const char *s)
{
	ld_input(&ld, (const uint8_t *)s, strlen(s), 0);
}

/* The next read of want bytes as a string ("" for 0 bytes). */
static const char *
readn(size_t want)
{
	static char buf[LD_MAX_INPUT + 1];
	size_t n = ld_read(&ld, (uint8_t *)buf, want);

	buf[n] = '\0';
	return buf;
}

/* Everything queued for the device, as a string. */
static const char *
echoed(void)
{
	static char buf[LD_OUTQ_SIZE + 2];
	size_t n = ld_out_take(&ld, (uint8_t *)buf, sizeof(buf) - 1);

	buf[n] = '\0';
	return buf;
}

static int
ready(size_t want)
{
	uint64_t d;

	return ld_read_ready(&ld, want, 0, 0, &d);
}

static void
test_canonical_editing(void)
{
	reset();
	type("helo\x7flo wrold\b\b\b\borld\r");
	CHECK(ready(100));
	CHECK(strcmp(readn(100), "hello world\n") == 0);
	CHECK(!ready(100));
	type("junk junk\x15good\n");	/* ^U kills the line */
	CHECK(strcmp(readn(100), "good\n") == 0);
	type("one two  \x17three\n");	/* ^W: blanks then the word */
	CHECK(strcmp(readn(100), "one three\n") == 0);
	/* editing an empty line is harmless */
	type("\x17\x17\x7f\x15x\n");
	CHECK(strcmp(readn(100), "x\n") == 0);
	type("abc");
	CHECK(!ready(100) && ld_readable(&ld) == 0);
	type("\x04");			/* ^D ends the line, unread */
	CHECK(ready(100) && strcmp(readn(100), "abc") == 0);
	type("\x04");			/* at line start: end of file */
	CHECK(ready(100) && ld.in_len == 1);
	CHECK(strcmp(readn(100), "") == 0 && ld.in_len == 0);
	type("long line\n");		/* a short read leaves the rest */
	CHECK(strcmp(readn(4), "long") == 0);
	CHECK(strcmp(readn(100), " line\n") == 0);
	type("a\nb\n");			/* one line per read */
	CHECK(strcmp(readn(100), "a\n") == 0);
	CHECK(strcmp(readn(100), "b\n") == 0);
	ld.t.cc[LD_VEOL] = ';';
	type("x;y");
	CHECK(strcmp(readn(100), "x;") == 0 && !ready(1));
	ld.t.lflag &= ~LD_IEXTEN;	/* ^W and ^V are IEXTEN's */
	type("\x17\x16\n");
	CHECK(strcmp(readn(100), "y\x17\x16\n") == 0);
}

static void
test_lnext(void)
{
	reset();
	/* ^V takes the next byte literally */
	type("a\x16\x7f\x16\x03\x16\x15z\n");
	CHECK(strcmp(readn(100), "a\x7f\x03\x15z\n") == 0);
	CHECK(ld_take_events(&ld) == 0);
}

static void
test_echo(void)
{
	reset();
	type("ab\x7f");
	CHECK(strcmp(echoed(), "ab\b \b") == 0);
	type("\x01\x7f");		/* ECHOCTL ^A takes two columns */
	CHECK(strcmp(echoed(), "^A\b \b\b \b") == 0);
	type("\t\x7f");			/* a tab erases to its column */
	CHECK(strcmp(echoed(), "\t\b \b\b \b\b \b\b \b\b \b\b \b\b \b") == 0);
	type("xy\x15");			/* ECHOKE rubs the line out */
	CHECK(strcmp(echoed(), "xy\b \b\b \b\b \b") == 0);
	ld.t.lflag &= ~LD_ECHOKE;	/* ECHOK: the kill char, newline */
	type("q\x15");
	CHECK(strcmp(echoed(), "q^U\r\n") == 0);
	ld.t.lflag &= ~LD_ECHOE;	/* no ECHOE: the erase char shows */
	type("r\x7f");
	CHECK(strcmp(echoed(), "r^?") == 0);
	ld.t.lflag &= ~LD_ECHOCTL;
	type("\x01");
	CHECK(strcmp(echoed(), "\x01") == 0);
	ld.t.lflag &= ~LD_ECHO;		/* ECHONL: newline, no ECHO */
	ld.t.lflag |= LD_ECHONL;
	type("secret\n");
	CHECK(strcmp(echoed(), "\r\n") == 0);
	ld.t.lflag &= ~LD_ECHONL;
	type("secret\n");
	CHECK(strcmp(echoed(), "") == 0);
	reset();
	type("ab\t\x12\x7f");		/* ^R reprints; erase works */
	CHECK(strcmp(echoed(), "ab\t^R\r\nab\t"
	    "\b \b\b \b\b \b\b \b\b \b\b \b") == 0);
	CHECK(strcmp(readn(9), "") == 0 && ld.canon == 2);
	reset();
	type("a\rb\n");			/* ICRNL echoes CR as newline */
	CHECK(strcmp(echoed(), "a\r\nb\r\n") == 0);
}

static void
test_crnl(void)
{
	reset();
	type("a\r");
	CHECK(strcmp(readn(100), "a\n") == 0);
	ld.t.iflag = LD_IGNCR;
	type("b\r\n");
	CHECK(strcmp(readn(100), "b\n") == 0);
	ld.t.iflag = LD_INLCR;		/* NL becomes CR: no delimiter */
	type("c\nd");
	CHECK(!ready(1));
	ld.t.iflag = LD_ICRNL | LD_INLCR;
	type("\r");
	CHECK(strcmp(readn(100), "c\rd\n") == 0);
}

static void
test_output(void)
{
	reset();
	CHECK(ld_write(&ld, (const uint8_t *)"a\nb", 3) == 3);
	CHECK(strcmp(echoed(), "a\r\nb") == 0);
	ld.t.oflag &= ~LD_ONLCR;
	ld_write(&ld, (const uint8_t *)"a\nb", 3);
	CHECK(strcmp(echoed(), "a\nb") == 0);
	ld.t.oflag = LD_ONLCR;		/* ONLCR needs OPOST */
	ld_write(&ld, (const uint8_t *)"\n", 1);
	CHECK(strcmp(echoed(), "\n") == 0);
}

static void
test_output_limit(void)
{
	static uint8_t big[LD_OUTQ_SIZE * 2];
	uint8_t buf[16];

	reset();
	memset(big, '\n', sizeof(big));
	/* each newline takes two bytes: half fit, never more */
	CHECK(ld_write(&ld, big, sizeof(big)) == LD_OUTQ_SIZE / 2);
	CHECK(ld_out_pending(&ld) == LD_OUTQ_SIZE);
	CHECK(ld_write(&ld, big, 1) == 0);
	CHECK(ld_out_take(&ld, buf, 3) == 3 && ld_write(&ld, big, 5) == 1);
}

static void
test_signals(void)
{
	reset();
	type("partial\x03");
	CHECK(ld_take_events(&ld) == LD_EV_INTR);
	CHECK(ld_take_events(&ld) == 0);
	CHECK(ld.in_len == 0);		/* flushed */
	CHECK(strcmp(echoed(), "^C") == 0);
	type("\x1c\x1a");
	CHECK(ld_take_events(&ld) == (LD_EV_QUIT | LD_EV_SUSP));
	ld.t.lflag |= LD_NOFLSH;
	type("kept\x03\n");
	CHECK(ld_take_events(&ld) == LD_EV_INTR);
	CHECK(strcmp(readn(100), "kept\n") == 0);
	ld.t.lflag &= ~LD_ISIG;
	type("\x03\n");
	CHECK(ld_take_events(&ld) == 0);
	CHECK(strcmp(readn(100), "\x03\n") == 0);
	ld.t.lflag |= LD_ISIG;
	/* a disabled slot matches nothing */
	ld.t.cc[LD_VINTR] = LD_VDISABLE;
	type("\xff\n");
	CHECK(ld_take_events(&ld) == 0 && strcmp(readn(9), "\xff\n") == 0);
}

static void
test_raw(void)
{
	uint64_t d;

	reset();
	ld_make_raw(&ld.t);
	CHECK(ld_set_termios(&ld, &ld.t) == 0);
	type("\x03\r\x7f\x04");
	CHECK(ld_take_events(&ld) == 0 && strcmp(echoed(), "") == 0);
	CHECK(ready(4) && strcmp(readn(100), "\x03\r\x7f\x04") == 0);
	/* VMIN 3, VTIME 0: three bytes, or fewer if fewer were asked */
	ld.t.cc[LD_VMIN] = 3;
	type("ab");
	CHECK(!ld_read_ready(&ld, 10, 0, 1000000, &d) && d == 0);
	CHECK(ld_read_ready(&ld, 2, 0, 0, &d));
	type("c");
	CHECK(ready(10) && strcmp(readn(10), "abc") == 0);
	/* VMIN 0, VTIME 0: at once, maybe nothing */
	ld.t.cc[LD_VMIN] = 0;
	CHECK(ready(10) && strcmp(readn(10), "") == 0);
	/* VMIN 0, VTIME 5: a byte, or 500 ms after the read began */
	ld.t.cc[LD_VTIME] = 5;
	CHECK(!ld_read_ready(&ld, 10, 1000, 1499, &d) && d == 1500);
	CHECK(ld_read_ready(&ld, 10, 1000, 1500, &d));
	ld_input(&ld, (const uint8_t *)"z", 1, 1200);
	CHECK(ld_read_ready(&ld, 10, 1000, 1200, &d));
	CHECK(strcmp(readn(10), "z") == 0);
	/* VMIN 2, VTIME 5: no timer before the first byte, then 500 ms
	 * after the last one */
	ld.t.cc[LD_VMIN] = 2;
	CHECK(!ld_read_ready(&ld, 10, 0, 99999, &d) && d == 0);
	ld_input(&ld, (const uint8_t *)"q", 1, 2000);
	CHECK(!ld_read_ready(&ld, 10, 1000, 2499, &d) && d == 2500);
	CHECK(ld_read_ready(&ld, 10, 1000, 2500, &d));
	ld_input(&ld, (const uint8_t *)"r", 1, 2100);
	CHECK(ld_read_ready(&ld, 10, 1000, 2100, &d));
	CHECK(strcmp(readn(10), "qr") == 0);
	/* reads take at most what is asked */
	type("12345");
	CHECK(strcmp(readn(2), "12") == 0 && ld_readable(&ld) == 3);
}

static void
test_mode_switch(void)
{
	struct ld_termios t;

	reset();
	type("line\npart");
	t = ld.t;
	ld_make_raw(&t);
	CHECK(ld_set_termios(&ld, &t) == 0 && ld_readable(&ld) == 9);
	CHECK(strcmp(readn(5), "line\n") == 0);
	ld_default_termios(&t);		/* canonical: "part" edited */
	CHECK(ld_set_termios(&ld, &t) == 0 && ld.canon == 4 && !ready(9));
	type("\x7fy\n");
	CHECK(strcmp(readn(100), "pary\n") == 0);
	t.cflag = (t.cflag & ~LD_CSIZE);	/* CS5 is refused */
	CHECK(ld_set_termios(&ld, &t) == -1 && ld.t.cflag & LD_CSIZE);
}

static void
test_flow(void)
{
	static uint8_t fill[LD_MAX_INPUT];
	uint8_t buf[8];

	reset();
	ld_write(&ld, (const uint8_t *)"xyz", 3);
	type("\x13");			/* ^S stops output */
	CHECK(ld.stopped && ld_out_take(&ld, buf, 8) == 0);
	type("\x11");			/* ^Q starts it again */
	CHECK(!ld.stopped && ld_out_take(&ld, buf, 8) == 3);
	CHECK(ld.in_len == 0);		/* neither was queued */
	ld.t.iflag |= LD_IXANY;
	type("\x13q");
	CHECK(!ld.stopped);
	/* IXOFF: ^S sent when 3/4 full, ^Q once read down to 1/4 */
	reset();
	ld_make_raw(&ld.t);
	ld.t.iflag |= LD_IXOFF;
	memset(fill, 'f', sizeof(fill));
	ld_input(&ld, fill, LD_MAX_INPUT * 3 / 4, 0);
	CHECK(ld_out_take(&ld, buf, 8) == 1 && buf[0] == 0x13);
	while (ld_readable(&ld) > LD_MAX_INPUT / 4)
		ld_read(&ld, fill, 100);
	CHECK(ld_out_take(&ld, buf, 8) == 1 && buf[0] == 0x11);
}

static void
test_limits(void)
{
	static uint8_t fill[LD_MAX_INPUT * 2];
	size_t i;

	reset();
	memset(fill, 'a', sizeof(fill));
	ld_input(&ld, fill, LD_MAX_CANON + 10, 0);
	CHECK(ld.canon == LD_MAX_CANON - 1 && ld.dropped == 11);
	type("\n");			/* the delimiter always fits */
	CHECK(ld.lines == 1 && ld_readable(&ld) == LD_MAX_CANON);
	/* the excess rang the bell */
	CHECK(strchr(echoed(), 0x07) != NULL);
	reset();
	ld_make_raw(&ld.t);
	ld_input(&ld, fill, sizeof(fill), 0);
	CHECK(ld.in_len == LD_MAX_INPUT && ld.dropped == LD_MAX_INPUT);
	CHECK(ld_read(&ld, fill, sizeof(fill)) == LD_MAX_INPUT);
	/* canonical lines fill the queue; the queue then refuses bytes */
	reset();
	for (i = 0; i < LD_MAX_INPUT; i++)
		type("\n");
	CHECK(ld.in_len == LD_MAX_INPUT && ld.lines == LD_MAX_INPUT);
	type("x\n");
	CHECK(ld.in_len == LD_MAX_INPUT && ld.dropped == 2);
	CHECK(strcmp(readn(10), "\n") == 0);
}

/* Random bytes in random modes: every invariant holds throughout. */
static void
test_garbage(void)
{
	uint8_t buf[512], out[600];
	unsigned int seed = 12345;
	int round, i;

	reset();
	for (round = 0; round < 20000; round++) {
		for (i = 0; i < (int)sizeof(buf); i++)
			buf[i] = rand_r(&seed);
		if (round % 97 == 0) {
			struct ld_termios t = ld.t;

			t.iflag = rand_r(&seed);
			t.oflag = rand_r(&seed);
			t.lflag = rand_r(&seed);
			t.cc[rand_r(&seed) % LD_NCCS] = rand_r(&seed);
			ld_set_termios(&ld, &t);
		}
		ld_input(&ld, buf, rand_r(&seed) % sizeof(buf), round);
		ld_write(&ld, buf, rand_r(&seed) % sizeof(buf));
		if (round % 3 == 0)
			ld_read(&ld, out, rand_r(&seed) % 600 + 1);
		ld_out_take(&ld, out, rand_r(&seed) % 600);
		CHECK(ld.in_len <= LD_MAX_INPUT && ld.out_len <= LD_OUTQ_SIZE);
		CHECK(ld.canon <= ld.in_len && ld.canon <= LD_MAX_CANON);
		CHECK(ld.lines <= ld.in_len);
		if (failures > 10)
			return;
	}
}

int
main(void)
{
	test_canonical_editing();
	test_lnext();
	test_echo();
	test_crnl();
	test_output();
	test_output_limit();
	test_signals();
	test_raw();
	test_mode_switch();
	test_flow();
	test_limits();
	test_garbage();
	if (failures != 0) {
		printf("test_ldisc: %d failures\n", failures);
		return 1;
	}
	printf("test_ldisc: all passed\n");
	return 0;
}
