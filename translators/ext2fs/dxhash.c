/*
 * dxhash.c -- the name hashes of indexed (dir_index) directories: legacy,
 * half-MD4 and TEA, each in signed- and unsigned-char flavours, seeded by
 * the superblock.  Called by htree.c; written from the format's
 * description and checked against debugfs's dx_hash.
 */
#include <string.h>

#include "ext2_int.h"

/* Pack name bytes into num words, padded with the length pattern. */
static void
dxhash_words(const char *name, size_t len, uint32_t *w, int num, int sign)
{
	uint32_t pad, val;
	size_t i;
	int c;

	pad = (uint32_t)len | ((uint32_t)len << 8);
	pad |= pad << 16;
	val = pad;
	if (len > (size_t)num * 4)
		len = (size_t)num * 4;
	for (i = 0; i < len; i++) {
		c = sign ? (int)(signed char)name[i] : (int)(uint8_t)name[i];
		val = (uint32_t)c + (val << 8);
		if (i % 4 == 3) {
			*w++ = val;
			val = pad;
			num--;
		}
	}
	if (--num >= 0)
		*w++ = val;
	while (--num >= 0)
		*w++ = pad;
}

#define ROTL(x, s)	(((x) << (s)) | ((x) >> (32 - (s))))
#define F(x, y, z)	((z) ^ ((x) & ((y) ^ (z))))
#define G(x, y, z)	(((x) & (y)) + (((x) ^ (y)) & (z)))
#define H(x, y, z)	((x) ^ (y) ^ (z))
#define STEP(f, a, b, c, d, x, s) ((a) += f((b), (c), (d)) + (x), \
				   (a) = ROTL((a), (s)))

static void
dxhash_md4(uint32_t buf[4], const uint32_t in[8])
{
	const uint32_t k2 = 0x5A827999, k3 = 0x6ED9EBA1;
	uint32_t a = buf[0], b = buf[1], c = buf[2], d = buf[3];

	STEP(F, a, b, c, d, in[0], 3);	STEP(F, d, a, b, c, in[1], 7);
	STEP(F, c, d, a, b, in[2], 11);	STEP(F, b, c, d, a, in[3], 19);
	STEP(F, a, b, c, d, in[4], 3);	STEP(F, d, a, b, c, in[5], 7);
	STEP(F, c, d, a, b, in[6], 11);	STEP(F, b, c, d, a, in[7], 19);
	STEP(G, a, b, c, d, in[1] + k2, 3);  STEP(G, d, a, b, c, in[3] + k2, 5);
	STEP(G, c, d, a, b, in[5] + k2, 9);  STEP(G, b, c, d, a, in[7] + k2, 13);
	STEP(G, a, b, c, d, in[0] + k2, 3);  STEP(G, d, a, b, c, in[2] + k2, 5);
	STEP(G, c, d, a, b, in[4] + k2, 9);  STEP(G, b, c, d, a, in[6] + k2, 13);
	STEP(H, a, b, c, d, in[3] + k3, 3);  STEP(H, d, a, b, c, in[7] + k3, 9);
	STEP(H, c, d, a, b, in[2] + k3, 11); STEP(H, b, c, d, a, in[6] + k3, 15);
	STEP(H, a, b, c, d, in[1] + k3, 3);  STEP(H, d, a, b, c, in[5] + k3, 9);
	STEP(H, c, d, a, b, in[0] + k3, 11); STEP(H, b, c, d, a, in[4] + k3, 15);
	buf[0] += a;
	buf[1] += b;
	buf[2] += c;
	buf[3] += d;
}

static void
dxhash_tea(uint32_t buf[4], const uint32_t in[4])
{
	uint32_t sum = 0, b0 = buf[0], b1 = buf[1];
	int n;

	for (n = 0; n < 16; n++) {
		sum += 0x9E3779B9;
		b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >> 5) + in[1]);
		b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >> 5) + in[3]);
	}
	buf[0] += b0;
	buf[1] += b1;
}

static uint32_t
dxhash_legacy(const char *name, size_t len, int sign)
{
	uint32_t hash, h0 = 0x12a3fe2d, h1 = 0x37abe8f9;
	size_t i;
	int c;

	for (i = 0; i < len; i++) {
		c = sign ? (int)(signed char)name[i] : (int)(uint8_t)name[i];
		hash = h1 + (h0 ^ (uint32_t)(c * 7152373));
		if (hash & 0x80000000u)
			hash -= 0x7fffffff;
		h1 = h0;
		h0 = hash;
	}
	return h0 << 1;
}

/*
 * The major hash of a name for hash version v (EXT2_HASH_*), with the
 * superblock's seed (all zero: the default).  The low bit is always clear.
 */
uint32_t
ext2_dx_hash(const char *name, size_t len, int v, const uint32_t *seed)
{
	uint32_t buf[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	uint32_t in[8], hash;
	int sign = v < EXT2_HASH_LEGACY_UNSIGNED;

	if (seed[0] | seed[1] | seed[2] | seed[3])
		memcpy(buf, seed, sizeof(buf));
	switch (v) {
	case EXT2_HASH_LEGACY: case EXT2_HASH_LEGACY_UNSIGNED:
		hash = dxhash_legacy(name, len, sign);
		break;
	case EXT2_HASH_HALF_MD4: case EXT2_HASH_HALF_MD4_UNSIGNED:
		do {
			dxhash_words(name, len, in, 8, sign);
			dxhash_md4(buf, in);
			name += 32;
			len = len > 32 ? len - 32 : 0;
		} while (len > 0);
		hash = buf[1];
		break;
	default:
		do {
			dxhash_words(name, len, in, 4, sign);
			dxhash_tea(buf, in);
			name += 16;
			len = len > 16 ? len - 16 : 0;
		} while (len > 0);
		hash = buf[0];
		break;
	}
	hash &= ~1u;
	if (hash == 0xfffffffeu)
		hash = 0xfffffffcu;
	return hash;
}
