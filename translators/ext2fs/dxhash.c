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

/* Half MD4: three rounds of eight steps over the 8 input words. */
static void
dxhash_md4(uint32_t buf[4], const uint32_t in[8])
{
	static const uint8_t order[3][8] = { { 0, 1, 2, 3, 4, 5, 6, 7 },
	    { 1, 3, 5, 7, 0, 2, 4, 6 }, { 3, 7, 2, 6, 1, 5, 0, 4 } };
	static const uint8_t shift[3][4] = { { 3, 7, 11, 19 },
	    { 3, 5, 9, 13 }, { 3, 9, 11, 15 } };
	static const uint32_t k[3] = { 0, 0x5A827999, 0x6ED9EBA1 };
	uint32_t v[4], x, y, z, f;
	int r, i, t;

	memcpy(v, buf, sizeof(v));
	for (r = 0; r < 3; r++)
		for (i = 0; i < 8; i++) {
			t = (4 - i) & 3;	/* a, d, c, b, a, ... */
			x = v[(t + 1) & 3];
			y = v[(t + 2) & 3];
			z = v[(t + 3) & 3];
			if (r == 0)
				f = z ^ (x & (y ^ z));
			else if (r == 1)
				f = (x & y) + ((x ^ y) & z);
			else
				f = x ^ y ^ z;
			v[t] += f + in[order[r][i]] + k[r];
			v[t] = ROTL(v[t], shift[r][i & 3]);
		}
	for (i = 0; i < 4; i++)
		buf[i] += v[i];
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
