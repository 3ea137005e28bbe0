/*
 * test_auth_ids.c -- host tests of the auth server's pure logic: which
 * identities held ones may make (auth_ids.c) and the name map of its
 * handles and records (auth_map.c).  Exits 0 when every check passes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <whorl/errno.h>

#include "auth_ids.h"
#include "auth_map.h"

static int failures;

#define CHECK(c) do {							\
	if (!(c)) {							\
		failures++;						\
		printf("check failed: %s (line %d)\n", #c, __LINE__);	\
	}								\
} while (0)

/* An identity from four short lists; -1 ends each list. */
static struct auth_ids
ids(const int *eu, const int *au, const int *eg, const int *ag)
{
	const int *lists[] = { eu, au, eg, ag };
	uint32_t arr[AUTH_KINDS][AUTH_IDS_MAX], n[AUTH_KINDS];
	const uint32_t *ptrs[AUTH_KINDS];
	struct auth_ids r;
	int k;

	for (k = 0; k < AUTH_KINDS; k++) {
		for (n[k] = 0; lists[k][n[k]] != -1; n[k]++)
			arr[k][n[k]] = (uint32_t)lists[k][n[k]];
		ptrs[k] = arr[k];
	}
	if (auth_ids_set(&r, ptrs, n) != 0)
		abort();
	return r;
}

static const int none[] = { -1 };

static int
may(const struct auth_ids *a, const struct auth_ids *b,
    const struct auth_ids *want)
{
	const struct auth_ids *held[] = { a, b };

	return auth_ids_permitted(held, b == NULL ? 1 : 2, want);
}

static void
test_rules(void)
{
	static const int u0[] = { 0, -1 }, u1000[] = { 1000, -1 },
	    u1001[] = { 1001, -1 }, u1000x2[] = { 1000, 1000, -1 },
	    g100[] = { 100, -1 }, g20[] = { 20, -1 }, g0[] = { 0, -1 },
	    saved0[] = { 1000, 0, -1 }, u0_1000[] = { 0, 1000, -1 };
	struct auth_ids root = ids(u0, u0, g0, g0);
	struct auth_ids user = ids(u1000, u1000x2, g100, g100);
	struct auth_ids grp = ids(none, none, g20, none);
	struct auth_ids empty = ids(none, none, none, none);
	struct auth_ids w;

	CHECK(auth_ids_is_root(&root) && !auth_ids_is_root(&user));
	/* Root makes anything, the user only what it holds. */
	w = ids(u1001, u1001, g20, g20);
	CHECK(may(&root, NULL, &w) == 0);
	CHECK(may(&user, NULL, &w) == EPERM);
	CHECK(may(&user, NULL, &user) == 0);
	CHECK(may(&user, NULL, &empty) == 0);
	w = ids(u0, none, none, none);
	CHECK(may(&user, NULL, &w) == EPERM);
	w = ids(none, u0, none, none);
	CHECK(may(&user, NULL, &w) == EPERM);
	w = ids(u1000, none, g0, none);
	CHECK(may(&user, NULL, &w) == EPERM);
	w = ids(none, none, none, g20);
	CHECK(may(&user, NULL, &w) == EPERM);
	/* Combining handles: each id must come from one of them. */
	w = ids(u1000, none, g20, none);
	CHECK(may(&user, NULL, &w) == EPERM);
	CHECK(may(&grp, NULL, &w) == EPERM);
	CHECK(may(&user, &grp, &w) == 0);
	CHECK(may(&grp, &user, &w) == 0);
	/* A uid is not a gid. */
	w = ids(none, none, u1000, none);
	CHECK(may(&user, NULL, &w) == EPERM);
	/* An available (saved) uid 0 may become effective... */
	struct auth_ids setuid = ids(u1000, saved0, g100, g100);
	w = ids(u0, u0_1000, none, none);
	CHECK(!auth_ids_is_root(&setuid));
	CHECK(may(&setuid, NULL, &w) == 0);
	/* ...but does not make its holder root. */
	w = ids(u1001, none, none, none);
	CHECK(may(&setuid, NULL, &w) == EPERM);
	/* Nothing held, nothing made. */
	CHECK(auth_ids_permitted(NULL, 0, &empty) == EPERM);
}

static void
test_limits(void)
{
	uint32_t many[AUTH_IDS_MAX + 1] = { 0 };
	const uint32_t *ptrs[] = { many, many, many, many };
	uint32_t ok[] = { AUTH_IDS_MAX, 0, 0, AUTH_IDS_MAX };
	uint32_t over[] = { 0, 0, AUTH_IDS_MAX + 1, 0 };
	struct auth_ids r;

	CHECK(auth_ids_set(&r, ptrs, ok) == 0);
	CHECK(r.n[AUTH_EUIDS] == AUTH_IDS_MAX && r.n[AUTH_AUIDS] == 0);
	r.n[AUTH_EUIDS] = 7;
	CHECK(auth_ids_set(&r, ptrs, over) == EINVAL);
	CHECK(r.n[AUTH_EUIDS] == 7);		/* untouched on failure */
	/* What a client sends: counts in range, unused slots 0. */
	CHECK(auth_ids_set(&r, ptrs, ok) == 0 && auth_ids_check(&r) == 0);
	r.n[AUTH_EGIDS] = AUTH_IDS_MAX + 1;
	CHECK(auth_ids_check(&r) == EINVAL);
	r.n[AUTH_EGIDS] = 0xffffffffu;
	CHECK(auth_ids_check(&r) == EINVAL);
	r.n[AUTH_EGIDS] = 0;
	CHECK(auth_ids_check(&r) == 0);
	r.id[AUTH_AUIDS][AUTH_IDS_MAX - 1] = 5;	/* past n[AUTH_AUIDS] = 0 */
	CHECK(auth_ids_check(&r) == EINVAL);
}

/* The map against a plain array, through random operations. */
static void
test_map(void)
{
	static struct auth_map m;
	static uintptr_t ref[3000];
	uint32_t key;
	int i, err;

	srand(1);
	CHECK(auth_map_put(&m, 0, &m) == EINVAL);
	CHECK(auth_map_put(&m, 5, NULL) == EINVAL);
	for (i = 0; i < 200000; i++) {
		key = 1 + rand() % 2999;
		if (rand() % 3 == 0) {
			CHECK(auth_map_remove(&m, key) == (void *)ref[key]);
			ref[key] = 0;
			continue;
		}
		err = auth_map_put(&m, key, (void *)(uintptr_t)(key * 8));
		if (ref[key] != 0) {
			CHECK(err == EEXIST);
		} else if (err == 0) {
			ref[key] = key * 8;
		} else {
			CHECK(err == ENOSPC);
			CHECK(m.count == AUTH_MAP_SLOTS / 2);
		}
	}
	for (key = 1; key < 3000; key++)
		CHECK(auth_map_get(&m, key) == (void *)ref[key]);
	/* Keys that collide: multiples of the table size share a home. */
	memset(&m, 0, sizeof(m));
	for (key = 1; key <= 50; key++)
		CHECK(auth_map_put(&m, key * AUTH_MAP_SLOTS, (void *)1) == 0);
	for (key = 1; key <= 50; key += 2)
		CHECK(auth_map_remove(&m, key * AUTH_MAP_SLOTS) != NULL);
	for (key = 1; key <= 50; key++)
		CHECK((auth_map_get(&m, key * AUTH_MAP_SLOTS) != NULL) ==
		    (key % 2 == 0));
	CHECK(m.count == 25);
}

int
main(void)
{
	test_rules();
	test_limits();
	test_map();
	printf("%s: %d checks failed\n", failures ? "FAIL" : "PASS", failures);
	return failures != 0;
}
