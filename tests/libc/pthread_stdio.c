/*
 * pthread_stdio.c -- malloc and stdio from many threads at once: blocks
 * allocated and freed together keep their contents; lines written to one
 * shared FILE come out whole and all there; printf to the console from
 * every thread.  Without newlib's locks these corrupt the heap or the
 * buffer.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "pthread_check.h"

#define THREADS		4
#define ROUNDS		40000
#define LINES		20000

static void *
allocator(void *arg)
{
	unsigned int seed = (unsigned int)(long)arg * 7919 + 1;
	unsigned char *blocks[16] = { 0 };
	size_t sizes[16];

	for (int i = 0; i < ROUNDS; i++) {
		int k = i % 16;

		if (blocks[k] != NULL) {
			for (size_t j = 0; j < sizes[k]; j++)
				if (blocks[k][j] != (unsigned char)(k + (long)arg)) {
					CHECK(!"heap block overwritten");
					break;
				}
			free(blocks[k]);
		}
		seed = seed * 1103515245 + 12345;
		sizes[k] = 1 + (seed >> 16) % 512;
		blocks[k] = malloc(sizes[k]);
		CHECK(blocks[k] != NULL);
		if (blocks[k] != NULL)
			memset(blocks[k], k + (long)arg, sizes[k]);
	}
	for (int k = 0; k < 16; k++)
		free(blocks[k]);
	return NULL;
}

#define ALPHABET	"abcdefghijklmnopqrstuvwxyz"

static FILE *shared;

static void *
writer(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < LINES; i++) {
		fprintf(shared, "thread %02ld line %05d %s\n", id, i,
		    ALPHABET);
	}
	printf("thread %02ld wrote its lines\n", id);
	return NULL;
}

/*
 * Parse one "thread NN line NNNNN alphabet" line at p (it must be exactly
 * that); returns its length, 0 if it is not.
 */
static size_t
parse_line(const char *p, const char *end, long *id, long *line)
{
	char *q;
	size_t n = strlen("thread ");

	if ((size_t)(end - p) < 48 || strncmp(p, "thread ", n) != 0)
		return 0;
	*id = strtol(p + n, &q, 10);
	if (q != p + n + 2 || strncmp(q, " line ", 6) != 0)
		return 0;
	*line = strtol(q + 6, &q, 10);
	if (q != p + 20 || *q != ' ' || strncmp(q + 1, ALPHABET, 26) != 0 ||
	    q[27] != '\n')
		return 0;
	return 48;
}

/* Every line whole, and each thread's lines all there in order. */
static void
check_lines(const char *buf, size_t len)
{
	long next[THREADS] = { 0 }, id, line;
	const char *p = buf, *end = buf + len;
	size_t n;
	int total = 0;

	while (p < end) {
		n = parse_line(p, end, &id, &line);
		if (n == 0 || id < 0 || id >= THREADS) {
			CHECK(!"garbled line");
			printf("at: %.60s\n", p);
			return;
		}
		CHECK(line == next[id]);
		next[id] = line + 1;
		total++;
		p += n;
	}
	printf("%d whole lines from %d threads\n", total, THREADS);
	CHECK(total == THREADS * LINES);
}

int
main(void)
{
	pthread_t t[2 * THREADS];
	char *buf = NULL;
	size_t len = 0;

	shared = open_memstream(&buf, &len);
	CHECK(shared != NULL);
	if (shared == NULL)
		return check_end();
	for (long i = 0; i < THREADS; i++) {
		CHECK(pthread_create(&t[2 * i], NULL, allocator, (void *)i) == 0);
		CHECK(pthread_create(&t[2 * i + 1], NULL, writer, (void *)i) ==
		    0);
	}
	for (int i = 0; i < 2 * THREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	CHECK(fclose(shared) == 0);
	check_lines(buf, len);
	free(buf);
	return check_end();
}
