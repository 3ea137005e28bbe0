/*
 * test_srv_table.c -- host test of translators/lib's object table
 * (srv_table.c): handles and names find their objects, stale handles
 * find nothing, slots are reused with new generations, the cap holds,
 * and a random mix of inserts and removes agrees with a plain array.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "srv_table.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	printf("check failed: %s (line %d)\n", #c, __LINE__); } } while (0)

#define N 5000

static void
test_basic(void)
{
	struct srv_table t;
	uint64_t h1, h2, h3;
	int a, b, c;

	srv_table_init(&t, 100);
	CHECK(srv_table_get(&t, 0) == NULL);
	CHECK(srv_table_find(&t, 7) == NULL);
	CHECK(srv_table_insert(&t, &a, 7, &h1) == 0);
	CHECK(srv_table_insert(&t, &b, 9, &h2) == 0);
	CHECK(srv_table_insert(&t, NULL, 9, &h3) == EINVAL);
	CHECK(srv_table_get(&t, h1) == &a && srv_table_get(&t, h2) == &b);
	CHECK(srv_table_find(&t, 7) == &a && srv_table_find(&t, 9) == &b);
	CHECK(t.count == 2);
	CHECK(srv_table_remove(&t, h1) == 0);
	CHECK(srv_table_remove(&t, h1) == ENOENT);
	CHECK(srv_table_get(&t, h1) == NULL && srv_table_find(&t, 7) == NULL);
	CHECK(srv_table_insert(&t, &c, 7, &h3) == 0);
	CHECK((uint32_t)h3 == (uint32_t)h1 && h3 != h1);	/* reused slot */
	CHECK(srv_table_get(&t, h1) == NULL && srv_table_get(&t, h3) == &c);
	CHECK(srv_table_get(&t, h3 ^ (1ull << 40)) == NULL);	/* forged */
	CHECK(srv_table_get(&t, 0xffffffffull) == NULL);	/* past end */
	srv_table_fini(&t);
}

static void
test_cap(void)
{
	struct srv_table t;
	static int objs[40];
	uint64_t h;
	int i;

	srv_table_init(&t, 33);
	for (i = 0; i < 33; i++)
		CHECK(srv_table_insert(&t, &objs[i], 100 + i, &h) == 0);
	CHECK(srv_table_insert(&t, &objs[33], 200, &h) == ENOMEM);
	CHECK(t.count == 33);
	for (i = 0; i < 33; i++)
		CHECK(srv_table_find(&t, 100 + i) == &objs[i]);
	srv_table_fini(&t);
}

/* Random inserts and removes against a plain array of what must be. */
static void
test_random(void)
{
	static int objs[N];
	static uint64_t handles[N];
	static int live[N];
	struct srv_table t;
	int i, k, n = 0;

	srand(11);
	srv_table_init(&t, N);
	for (k = 0; k < 200000; k++) {
		i = rand() % N;
		if (live[i]) {
			CHECK(srv_table_remove(&t, handles[i]) == 0);
			live[i] = 0;
			n--;
		} else {
			CHECK(srv_table_insert(&t, &objs[i],
			    (uint32_t)i * 4 + 3, &handles[i]) == 0);
			live[i] = 1;
			n++;
		}
	}
	CHECK(t.count == (uint32_t)n);
	for (i = 0; i < N; i++) {
		CHECK(srv_table_get(&t, handles[i]) == (live[i] ? &objs[i] :
		    NULL));
		CHECK(srv_table_find(&t, (uint32_t)i * 4 + 3) ==
		    (live[i] ? &objs[i] : NULL));
	}
	srv_table_fini(&t);
}

int
main(void)
{
	test_basic();
	test_cap();
	test_random();
	printf("test_srv_table: %s\n", failures ? "FAIL" : "PASS");
	return failures != 0;
}
