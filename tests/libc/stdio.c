/*
 * stdio.c -- newlib's stdio on Whorl: printf formatting of every common
 * conversion with widths and precisions, and buffering: stdout on the
 * console is line-buffered (isatty, fstat S_IFCHR), setvbuf gives full or
 * no buffering, fflush empties the buffer, and fds 0-2 behave as a
 * terminal while other fds are EBADF.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"

static char out[256];

#define FMT(want, ...) do {						\
	snprintf(out, sizeof(out), __VA_ARGS__);			\
	CHECK_STR(out, want);						\
} while (0)

static void
check_formats(void)
{
	FMT("42 -7 +5", "%d %i %+d", 42, -7, 5);
	FMT("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
	FMT("ff FF 0xff 377", "%x %X %#x %o", 255, 255, 255, 255);
	FMT("[abc][  abc][ab]", "[%s][%5s][%.2s]", "abc", "abc", "abc");
	FMT("3.141593 3.14 3.1416e+00", "%f %.2f %.4e", 3.14159265,
	    3.14159265, 3.14159265);
	FMT("1e+10 0.0001 123457", "%g %g %g", 1e10, 1e-4, 123456.7);
	FMT("[   1.50][-2.250000e+00]", "[%7.2f][%e]", 1.5, -2.25);
	FMT("-9223372036854775808 18446744073709551615", "%lld %llu",
	    (long long)INT64_MIN, (unsigned long long)UINT64_MAX);
	FMT("123456789012 4096", "%zu %zd", (size_t)123456789012ULL,
	    (ptrdiff_t)4096);
	FMT("0x1234 (nil)|0", "%p %s|%#x", (void *)0x1234,
	    "(nil)", 0);
	FMT("%c:A", "%%c:%c", 'A');
	FMT("inf nan", "%g %g", __builtin_inf(), __builtin_nan(""));
	volatile size_t four = 4;
	CHECK(snprintf(out, four, "%s", "truncated") == 9 &&
	    strcmp(out, "tru") == 0);
	int n = 0;
	snprintf(out, sizeof(out), "abc%n", &n);
	CHECK(n == 3);
}

static void
check_scanf(void)
{
	int a = 0;
	char w[16] = "";
	double d = 0;

	CHECK(sscanf("17 word 2.5", "%d %15s %lf", &a, w, &d) == 3);
	CHECK(a == 17 && strcmp(w, "word") == 0 && d == 2.5);
}

/* Bytes waiting in stream f's buffer (newlib's FILE). */
static int
pending(FILE *f)
{
	return f->_bf._base == NULL ? 0 : (int)(f->_p - f->_bf._base);
}

static void
check_console_fds(void)
{
	struct stat st;
	char c;

	CHECK(isatty(0) && isatty(1) && isatty(2));
	CHECK(fstat(1, &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(!isatty(3));
	errno = 0;
	CHECK(write(7, "x", 1) == -1 && errno == EBADF);
	errno = 0;
	CHECK(read(-1, &c, 1) == -1 && errno == EBADF);
	errno = 0;
	CHECK(lseek(1, 0, SEEK_SET) == -1 && errno == ESPIPE);
	errno = 0;
	CHECK(open("/etc/motd", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(fopen("/etc/motd", "r") == NULL && errno == ENOENT);
	CHECK(write(1, "stdio: raw write\n", 17) == 17);
}

static void
check_buffering(void)
{
	static char buf[128];

	/* The console is a terminal: stdout is line-buffered. */
	printf("stdio: line one\n");
	CHECK((stdout->_flags & __SLBF) != 0);
	printf("stdio: partial");
	CHECK(pending(stdout) == 14);
	printf(" line\n");
	CHECK(pending(stdout) == 0);

	/* Fully buffered: nothing leaves before fflush. */
	CHECK(setvbuf(stdout, buf, _IOFBF, sizeof(buf)) == 0);
	printf("stdio: full\n");
	CHECK(pending(stdout) == 12 && memcmp(buf, "stdio: full\n", 12) == 0);
	CHECK(fflush(stdout) == 0 && pending(stdout) == 0);

	/* Unbuffered: nothing waits. */
	CHECK(setvbuf(stdout, NULL, _IONBF, 0) == 0);
	printf("stdio: unbuffered\n");
	CHECK(pending(stdout) == 0);
	CHECK(setvbuf(stdout, NULL, _IOLBF, BUFSIZ) == 0);
	fprintf(stderr, "stdio: on stderr\n");
}

int
main(void)
{
	check_formats();
	check_scanf();
	check_console_fds();
	check_buffering();
	return check_done();
}
