/*
 * tmpfs_stress.c -- eight client threads, 2,000 mixed operations each,
 * on one tmpfs (translators/lib's file-system layer under one lock):
 * each thread keeps a model of its own directory and checks every
 * answer against it (creates, unlinks, renames, lookups, readdir,
 * writes read back), and all append to one shared file, whose final
 * size must be the number of appends: no deadlock, no lost update.
 */
#include <pthread.h>

#include "fs_client.h"

#define THREADS		8
#define OPS		2000
#define NAMES		16

static mach_port_t control, root, counter;

struct worker {
	int id;
	unsigned int seed;
	int appends, bad;
	mach_port_t dir;
	int exist[NAMES];
};

static unsigned int
rnd(struct worker *w)
{
	w->seed = w->seed * 1103515245 + 12345;
	return w->seed >> 16;
}

static void
expect(struct worker *w, kern_return_t got, kern_return_t want, int op)
{
	if (got != want && w->bad++ < 5)
		printf("tmpfs_stress: thread %d op %d: got %#x want %#x\n",
		    w->id, op, got, want);
}

static int
entries(mach_port_t dir)
{
	char inl[4096];
	data_t data = inl;
	mach_msg_type_number_t cnt = sizeof(inl);
	int32_t amount = -1;

	if (dir_readdir(dir, &data, &cnt, 0, -1, 0, &amount) != 0)
		return -1;
	if (data != inl)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	return amount;
}

/* Write a tag into f_k and read it back. */
static void
write_back(struct worker *w, int k, int op)
{
	char name[8], tag[32], buf[32];
	mach_port_t f;

	snprintf(name, sizeof(name), "f%d", k);
	snprintf(tag, sizeof(tag), "t%d-op%d", w->id, op);
	expect(w, fsc_open(w->dir, name, FS_O_READ | FS_O_WRITE | FS_O_TRUNC,
	    0, &f), 0, op);
	expect(w, fsc_put(f, tag, 0), 0, op);
	expect(w, fsc_get(f, buf, sizeof(buf), 0), 0, op);
	if (strcmp(buf, tag) != 0)
		expect(w, 1, 0, op);
	fsc_close(f);
}

static void
one_op(struct worker *w, int op)
{
	char a[8], b[8];
	int k = rnd(w) % NAMES, j = rnd(w) % NAMES, n, i;
	uint64_t amount;

	snprintf(a, sizeof(a), "f%d", k);
	snprintf(b, sizeof(b), "f%d", j);
	switch (rnd(w) % 7) {
	case 0:
		expect(w, fsc_try(w->dir, a, FS_O_CREAT | FS_O_EXCL |
		    FS_O_WRITE), w->exist[k] ? EEXIST : 0, op);
		w->exist[k] = 1;
		break;
	case 1:
		expect(w, dir_unlink(w->dir, a), w->exist[k] ? 0 : ENOENT,
		    op);
		w->exist[k] = 0;
		break;
	case 2:
		expect(w, dir_rename(w->dir, a, w->dir, b, 0),
		    w->exist[k] ? 0 : ENOENT, op);
		if (w->exist[k] && k != j) {
			w->exist[j] = 1;
			w->exist[k] = 0;
		}
		break;
	case 3:
		expect(w, fsc_try(w->dir, a, FS_O_READ),
		    w->exist[k] ? 0 : ENOENT, op);
		break;
	case 4:
		expect(w, io_write(counter, "x", 1, -1, &amount), 0, op);
		w->appends++;
		break;
	case 5:
		for (n = 2, i = 0; i < NAMES; i++)
			n += w->exist[i];
		expect(w, entries(w->dir), n, op);
		break;
	default:
		if (w->exist[k])
			write_back(w, k, op);
		break;
	}
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	char name[8];
	int op;

	snprintf(name, sizeof(name), "t%d", w->id);
	expect(w, dir_mkdir(root, name, 0755), 0, -1);
	expect(w, fsc_open(root, name, FS_O_READ, 0, &w->dir), 0, -1);
	for (op = 0; op < OPS; op++)
		one_op(w, op);
	return NULL;
}

int
main(void)
{
	static struct worker w[THREADS];
	pthread_t t[THREADS];
	int i, appends = 0;

	control = client_control();
	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(MACH_PORT_VALID(root));
	CHECK(fsc_open(root, "counter", FS_O_CREAT | FS_O_WRITE | FS_O_APPEND,
	    0644, &counter) == 0);
	for (i = 0; i < THREADS; i++) {
		w[i].id = i;
		w[i].seed = 12345 + i * 7919;
		CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
	}
	for (i = 0; i < THREADS; i++) {
		CHECK(pthread_join(t[i], NULL) == 0);
		CHECK(w[i].bad == 0);
		appends += w[i].appends;
	}
	printf("tmpfs_stress: %d threads, %d operations, %d appends\n",
	    THREADS, THREADS * OPS, appends);
	CHECK(appends > 1000 && fsc_size(counter) == appends);
	return check_done();
}
