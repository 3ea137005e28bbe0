/*
 * fuzz_elf.c -- throws random and mutated images at elf_check() under
 * AddressSanitizer and UBSan.  Each image sits in a heap block of exactly
 * its size, so any read past it aborts; every accepted image is checked
 * again here against the promises of elf.h.  FUZZ_ELF_ITERATIONS overrides
 * the number of images (default 200000).
 */
#include <string.h>
#include <time.h>
#include "kern/klib.h"
#include "kern/elf.h"
#include "kern/elf_test_image.h"
#include "kern/host_test.h"

static struct timg base;
static unsigned long codes[32];

/* A value that tends to sit on a boundary. */
static uint64_t
interesting(void)
{
	static const uint64_t v[] = { 0, 1, 2, 0x38, 0x40, 0xfff, 0x1000,
	    0x1001, TIMG_SIZE - 1, TIMG_SIZE, TIMG_SIZE + 1, 0x7fffffff,
	    0xffffffff, ELF_USER_MAX - 1, ELF_USER_MAX, ELF_USER_MAX - 0x1000,
	    TIMG_TEXT, TIMG_ENTRY, 1ULL << 63, UINT64_MAX, UINT64_MAX - 0xfff,
	    UINT64_MAX - 0x1000 };

	if (test_below(3) == 0)
		return test_rand();
	return v[test_below(ARRAY_SIZE(v))] + (test_below(4) == 0 ?
	    test_below(16) - 8 : 0);
}

/* Store an n-byte little-endian value at b. */
static void
put(unsigned char *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		b[i] = v >> (8 * i);
}

/* Change one field of the ELF or a program header, or some bytes. */
static void
mutate(unsigned char *b, size_t size)
{
	static const int width[] = { 1, 2, 4, 8 };
	size_t off;

	switch (test_below(4)) {
	case 0:		/* a header field */
		off = test_below(64);
		break;
	case 1:		/* a program header field */
		off = 64 + test_below(TIMG_NPHDRS * 56);
		break;
	case 2:		/* an aligned u64 of a program header */
		off = 64 + 56 * test_below(TIMG_NPHDRS) + 8 +
		    8 * test_below(6);
		put(b + off, interesting(), 8);
		return;
	default:	/* anywhere */
		off = test_below(size);
		b[off] ^= 1 << test_below(8);
		return;
	}
	int w = width[test_below(4)];
	if (off + w <= size)
		put(b + off, interesting(), w);
}

/* Recheck an accepted image against what elf.h promises. */
static void
verify(const struct elf_image *im, size_t size)
{
	const struct elf_segment *s, *t;
	bool entry_ok = false;

	CHECK(im->nsegs >= 1 && im->nsegs <= ELF_MAX_SEGMENTS);
	for (unsigned i = 0; i < im->nsegs && i < ELF_MAX_SEGMENTS; i++) {
		s = &im->seg[i];
		CHECK(s->filesz <= s->memsz && s->memsz > 0);
		CHECK(s->offset <= size && s->filesz <= size - s->offset);
		CHECK(s->vaddr >= ELF_USER_MIN && s->vaddr < ELF_USER_MAX &&
		    s->memsz <= ELF_USER_MAX - s->vaddr);
		CHECK((s->vaddr - s->offset) % ELF_PAGE_SIZE == 0);
		CHECK((s->flags & ~7u) == 0);
		if ((s->flags & ELF_SEG_X) && im->entry >= s->vaddr &&
		    im->entry < s->vaddr + s->memsz)
			entry_ok = true;
		for (unsigned j = 0; j < i; j++) {
			t = &im->seg[j];
			CHECK(ROUND_UP(s->vaddr + s->memsz, 4096) <=
			    ROUND_DOWN(t->vaddr, 4096) ||
			    ROUND_UP(t->vaddr + t->memsz, 4096) <=
			    ROUND_DOWN(s->vaddr, 4096));
		}
	}
	CHECK(entry_ok);
}

/* Run elf_check on the size bytes of b from an exact-size heap block. */
static void
try(const unsigned char *b, size_t size, unsigned long *accepted)
{
	struct elf_image im;
	unsigned char *copy = malloc(size ? size : 1);
	const char *why = NULL;
	int r;

	memcpy(copy, b, size);
	r = elf_check(copy, size, &im, &why);
	if (r == 0) {
		(*accepted)++;
		verify(&im, size);
	} else {
		CHECK(r < 0 && r >= -31 && why != NULL && why[0] != '\0');
		codes[-r & 31]++;
	}
	free(copy);
}

int
main(void)
{
	static unsigned char b[TIMG_SIZE];
	unsigned long n = 200000, accepted = 0;
	const char *env = getenv("FUZZ_ELF_ITERATIONS");
	clock_t t0 = clock();
	size_t size;

	test_seed();
	if (env != NULL)
		n = strtoul(env, NULL, 0);
	timg_build(&base);
	for (unsigned long i = 0; i < n; i++) {
		size = TIMG_SIZE;
		if (i % 10 == 0) {		/* random bytes, ELF-ish start */
			size = test_below(TIMG_SIZE);
			for (size_t j = 0; j < size; j++)
				b[j] = test_rand();
			if (test_below(2) && size >= 64)
				memcpy(b, base.bytes, 24);
		} else {			/* mutations of a good image */
			memcpy(b, base.bytes, TIMG_SIZE);
			for (int k = 1 + test_below(4); k > 0; k--)
				mutate(b, size);
			if (test_below(8) == 0)
				size = test_below(TIMG_SIZE + 1);
		}
		try(b, size, &accepted);
	}
	printf("%lu images, %lu accepted, %.1f s\n", n, accepted,
	    (double)(clock() - t0) / CLOCKS_PER_SEC);
	for (int c = 1; c < 32; c++)
		if (codes[c] != 0)
			printf("  refused with %d: %lu\n", -c, codes[c]);
	CHECK(accepted > 0);
	return test_done("fuzz_elf");
}
