/*
 * printf.c -- vsnprintf and snprintf for the kernel (see printf.h).  The
 * console and panic code format through here.  Host tests build it with
 * PRINTF_TEST, which renames both functions kpf_* so they can be compared
 * with the host's own.
 */
#include "kern/klib.h"
#include "kern/printf.h"

#ifdef PRINTF_TEST
#define vsnprintf	kpf_vsnprintf
#define snprintf	kpf_snprintf
int	kpf_vsnprintf(char *, size_t, const char *, va_list);
int	kpf_snprintf(char *, size_t, const char *, ...);
#endif

#define PF_LEFT		0x01	/* '-' */
#define PF_ZERO		0x02	/* '0' */
#define PF_PLUS		0x04	/* '+' */
#define PF_SPACE	0x08	/* ' ' */
#define PF_ALT		0x10	/* '#' */

/* The output buffer and the count of characters produced so far. */
struct pf_out {
	char	*buf;
	size_t	 size;
	size_t	 len;
};

/* One conversion specification. */
struct pf_spec {
	int	flags;
	int	width;
	int	prec;		/* -1 if none */
	int	size;		/* 'H' hh, 'h', 0 int, 'l', 'q' ll, 'z' */
	char	conv;
};

static void
pf_putc(struct pf_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void
pf_pad(struct pf_out *o, char c, int n)
{
	while (n-- > 0)
		pf_putc(o, c);
}

/* Emit a string of n characters padded to the field width. */
static void
pf_field(struct pf_out *o, const struct pf_spec *sp, const char *s, int n)
{
	int pad = sp->width > n ? sp->width - n : 0;

	if ((sp->flags & PF_LEFT) == 0)
		pf_pad(o, ' ', pad);
	while (n-- > 0)
		pf_putc(o, *s++);
	if (sp->flags & PF_LEFT)
		pf_pad(o, ' ', pad);
}

/*
 * Emit an integer: sign or 0x prefix, zeros up to the precision (or up to
 * the width with '0'), digits, within the field width.
 */
static void
pf_integer(struct pf_out *o, const struct pf_spec *sp, uint64_t v, bool neg)
{
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" :
	    "0123456789abcdef";
	unsigned base = (sp->conv == 'x' || sp->conv == 'X' ||
	    sp->conv == 'p') ? 16 : 10;
	char buf[24], prefix[3];
	int n = 0, np = 0, zeros, pad;

	while (v != 0 || (n == 0 && sp->prec != 0)) {
		buf[sizeof(buf) - ++n] = digits[v % base];
		v /= base;
	}
	if (neg)
		prefix[np++] = '-';
	else if (base == 10 && sp->conv != 'u' && (sp->flags & PF_PLUS))
		prefix[np++] = '+';
	else if (base == 10 && sp->conv != 'u' && (sp->flags & PF_SPACE))
		prefix[np++] = ' ';
	else if (sp->conv == 'p' || ((sp->flags & PF_ALT) && base == 16 &&
	    n > 0 && buf[sizeof(buf) - n] != '0')) {
		prefix[np++] = '0';
		prefix[np++] = sp->conv == 'X' ? 'X' : 'x';
	}
	zeros = sp->prec > n ? sp->prec - n : 0;
	if (sp->prec < 0 && (sp->flags & (PF_ZERO | PF_LEFT)) == PF_ZERO &&
	    sp->width > np + n)
		zeros = sp->width - np - n;
	pad = sp->width > np + zeros + n ? sp->width - np - zeros - n : 0;
	if ((sp->flags & PF_LEFT) == 0)
		pf_pad(o, ' ', pad);
	for (int i = 0; i < np; i++)
		pf_putc(o, prefix[i]);
	pf_pad(o, '0', zeros);
	for (int i = n; i > 0; i--)
		pf_putc(o, buf[sizeof(buf) - i]);
	if (sp->flags & PF_LEFT)
		pf_pad(o, ' ', pad);
}

/* Parse flags, width, precision and size; return the conversion's end. */
static const char *
pf_parse(const char *f, struct pf_spec *sp, va_list *ap)
{
	const char *fl = "-0+ #";
	char *c;

	sp->flags = 0;
	while (*f != '\0' && (c = strchr(fl, *f)) != NULL) {
		sp->flags |= 1 << (c - fl);
		f++;
	}
	sp->width = 0;
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= PF_LEFT;
			sp->width = sp->width == -2147483647 - 1 ? 0 :
			    -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = MIN(sp->width * 10 + (*f - '0'), 1 << 20);
	sp->prec = -1;
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = MIN(sp->prec * 10 + (*f - '0'), 1 << 20);
	}
	sp->size = 0;
	if (*f == 'h' || *f == 'l' || *f == 'z') {
		sp->size = *f++;
		if (sp->size == 'h' && *f == 'h')
			sp->size = 'H', f++;
		else if (sp->size == 'l' && *f == 'l')
			sp->size = 'q', f++;
	}
	sp->conv = *f;
	return f;
}

/* Fetch a signed argument of the given size and emit it. */
static void
pf_signed(struct pf_out *o, const struct pf_spec *sp, va_list *ap)
{
	int64_t v;

	switch (sp->size) {
	case 'l':	v = va_arg(*ap, long); break;
	case 'q':	v = va_arg(*ap, long long); break;
	case 'z':	v = va_arg(*ap, long); break;	/* ssize_t */
	case 'h':	v = (short)va_arg(*ap, int); break;
	case 'H':	v = (signed char)va_arg(*ap, int); break;
	default:	v = va_arg(*ap, int); break;
	}
	pf_integer(o, sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

/* Fetch an unsigned argument of the given size and emit it. */
static void
pf_unsigned(struct pf_out *o, const struct pf_spec *sp, va_list *ap)
{
	uint64_t v;

	switch (sp->size) {
	case 'l':	v = va_arg(*ap, unsigned long); break;
	case 'q':	v = va_arg(*ap, unsigned long long); break;
	case 'z':	v = va_arg(*ap, size_t); break;
	case 'h':	v = (unsigned short)va_arg(*ap, unsigned); break;
	case 'H':	v = (unsigned char)va_arg(*ap, unsigned); break;
	default:	v = va_arg(*ap, unsigned); break;
	}
	pf_integer(o, sp, v, false);
}

/* Emit one conversion; an unknown one is copied out as it was written. */
static void
pf_convert(struct pf_out *o, struct pf_spec *sp, const char *start,
    const char *end, va_list *ap)
{
	const char *s;
	char c;

	switch (sp->conv) {
	case 'd': case 'i':
		pf_signed(o, sp, ap);
		break;
	case 'u': case 'x': case 'X':
		pf_unsigned(o, sp, ap);
		break;
	case 'p':
		sp->prec = -1;
		pf_integer(o, sp, (uintptr_t)va_arg(*ap, void *), false);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		pf_field(o, sp, s, sp->prec < 0 ? (int)strlen(s) :
		    (int)strnlen(s, sp->prec));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		pf_field(o, sp, &c, 1);
		break;
	case '%':
		pf_putc(o, '%');
		break;
	default:
		while (start < end)
			pf_putc(o, *start++);
		break;
	}
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct pf_out o = { buf, size, 0 };
	struct pf_spec sp;
	const char *start;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			pf_putc(&o, *fmt++);
			continue;
		}
		start = fmt;
		fmt = pf_parse(fmt + 1, &sp, &aq);
		if (*fmt == '\0') {
			pf_convert(&o, &sp, start, fmt, &aq);
			break;
		}
		pf_convert(&o, &sp, start, ++fmt, &aq);
	}
	va_end(aq);
	if (size > 0)
		buf[MIN(o.len, size - 1)] = '\0';
	return o.len > 0x7fffffff ? 0x7fffffff : (int)o.len;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
