/*
 * test_srv_elf.c -- host test of srv_elf_check (srv_elf.h), the ELF
 * validation translators/lib runs before starting a program from a
 * file: a minimal valid image passes; each field an attacker could set
 * wrong is refused; 200,000 random corruptions under AddressSanitizer
 * read nothing outside the image and never accept a segment outside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srv_elf.h"

#define SIZE	8192

static unsigned char img[SIZE];
static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	printf("check failed: %s (line %d)\n", #c, __LINE__); } } while (0)

static void
put16(size_t off, uint16_t v) { memcpy(img + off, &v, 2); }
static void
put32(size_t off, uint32_t v) { memcpy(img + off, &v, 4); }
static void
put64(size_t off, uint64_t v) { memcpy(img + off, &v, 8); }

/* A static x86_64 ET_EXEC: one R+X segment of the whole file at 4 MiB. */
static void
make(void)
{
	memset(img, 0, sizeof(img));
	memcpy(img, "\177ELF\2\1\1", 7);
	put16(16, 2);			/* ET_EXEC */
	put16(18, 62);			/* x86_64 */
	put32(20, 1);
	put64(24, 0x400100);		/* entry */
	put64(32, 64);			/* phoff */
	put16(52, 64);
	put16(54, 56);
	put16(56, 1);			/* phnum */
	put32(64, 1);			/* PT_LOAD */
	put32(68, 5);			/* R+X */
	put64(72, 0);			/* offset */
	put64(80, 0x400000);		/* vaddr */
	put64(96, SIZE);		/* filesz */
	put64(104, SIZE);		/* memsz */
	put64(112, 4096);
}

static int
check(void)
{
	struct srv_elf e;
	const char *why;

	return srv_elf_check(img, SIZE, &e, &why);
}

static void
test_fields(void)
{
	struct { size_t off; int width; uint64_t v; } bad[] = {
		{ 0, 1, 0 }, { 4, 1, 1 }, { 5, 1, 2 }, { 6, 1, 0 },
		{ 7, 1, 9 }, { 16, 2, 3 }, { 18, 2, 3 }, { 20, 4, 2 },
		{ 24, 8, 0x500000 }, { 32, 8, SIZE }, { 32, 8, ~0ULL },
		{ 52, 2, 63 }, { 54, 2, 55 }, { 56, 2, 0 }, { 56, 2, 0xffff },
		{ 56, 2, 200 }, { 64, 4, 3 }, { 68, 4, 4 },
		{ 72, 8, 8 }, { 72, 8, SIZE }, { 80, 8, 0 },
		{ 80, 8, 0x7ffffffff000ULL }, { 96, 8, SIZE + 1 },
		{ 96, 8, ~0ULL }, { 104, 8, 100 }, { 104, 8, ~0ULL - 4096 },
	};
	size_t i;

	make();
	CHECK(check() == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make();
		if (bad[i].width == 1)
			img[bad[i].off] = bad[i].v;
		else if (bad[i].width == 2)
			put16(bad[i].off, bad[i].v);
		else if (bad[i].width == 4)
			put32(bad[i].off, bad[i].v);
		else
			put64(bad[i].off, bad[i].v);
		if (check() == 0)
			printf("accepted bad field %zu\n", i);
		CHECK(check() != 0);
	}
}

/* Random corruption: whatever is accepted lies inside the file. */
static void
test_random(void)
{
	struct srv_elf e;
	const char *why;
	unsigned int i, k, n, accepted = 0;

	srand(7);
	for (i = 0; i < 200000; i++) {
		make();
		for (k = 0, n = 1 + rand() % 4; k < n; k++)
			img[rand() % 128] ^= 1 << (rand() % 8);
		if (srv_elf_check(img, SIZE, &e, &why) != 0)
			continue;
		accepted++;
		for (k = 0; k < e.nsegs; k++)
			CHECK(e.seg[k].offset + e.seg[k].filesz <= SIZE &&
			    e.seg[k].filesz <= e.seg[k].memsz &&
			    e.seg[k].vaddr >= SRV_ELF_USER_MIN);
	}
	printf("test_srv_elf: %u of 200000 corrupted images accepted\n",
	    accepted);
}

int
main(void)
{
	test_fields();
	test_random();
	CHECK(srv_elf_check(img, 10, &(struct srv_elf){0},
	    &(const char *){0}) != 0);
	printf("test_srv_elf: %s\n", failures ? "FAIL" : "PASS");
	return failures != 0;
}
