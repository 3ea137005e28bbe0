/*
 * sort.c -- qsort and bsearch: random integers sorted and every one found,
 * absent keys not found, and a stable check with strings.
 */
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define N	2000

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
check_ints(void)
{
	static int v[N], copy[N];
	int sorted = 1, found = 1, key;

	srand(7);
	for (int i = 0; i < N; i++)
		v[i] = copy[i] = rand() % 100000 * 2;	/* even keys */
	qsort(v, N, sizeof(v[0]), cmp_int);
	for (int i = 1; i < N; i++)
		sorted &= v[i - 1] <= v[i];
	CHECK(sorted);
	for (int i = 0; i < N; i++) {
		int *p = bsearch(&copy[i], v, N, sizeof(v[0]), cmp_int);
		found &= p != NULL && *p == copy[i];
	}
	CHECK(found);
	key = 3;	/* odd: never there */
	CHECK(bsearch(&key, v, N, sizeof(v[0]), cmp_int) == NULL);
}

static void
check_strings(void)
{
	const char *w[] = { "pear", "apple", "fig", "banana", "cherry" };
	const char *key = "fig", **p;

	qsort(w, 5, sizeof(w[0]), cmp_str);
	CHECK(strcmp(w[0], "apple") == 0 && strcmp(w[4], "pear") == 0);
	p = bsearch(&key, w, 5, sizeof(w[0]), cmp_str);
	CHECK(p != NULL && p == &w[3]);
}

int
main(void)
{
	check_ints();
	check_strings();
	return check_done();
}
