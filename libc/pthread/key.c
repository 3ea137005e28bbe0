/*
 * key.c -- thread-specific data.  A key is a slot of a fixed table; its
 * sequence number is odd while the key exists and changes when it is
 * deleted, so a value stored under an older key of the same slot reads as
 * NULL.  Destructors run at thread exit (pthread_exit, or the return of
 * the start routine).
 */
#include <errno.h>
#include "pthread_internal.h"

static struct {
	unsigned int	seq;			/* [a] odd: in use */
	void		(*destructor)(void *);	/* [key_lock] */
} key_table[PTHREAD_KEYS_MAX];
static unsigned int key_lock;

int
pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int error = EAGAIN;

	_pthread_lock(&key_lock);
	for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if ((key_table[k].seq & 1) == 0) {
			key_table[k].destructor = destructor;
			__atomic_add_fetch(&key_table[k].seq, 1,
			    __ATOMIC_RELEASE);
			*key = k;
			error = 0;
			break;
		}
	}
	_pthread_unlock(&key_lock);
	return error;
}

int
pthread_key_delete(pthread_key_t key)
{
	int error = EINVAL;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	_pthread_lock(&key_lock);
	if (key_table[key].seq & 1) {
		key_table[key].destructor = NULL;
		__atomic_add_fetch(&key_table[key].seq, 1, __ATOMIC_RELEASE);
		error = 0;
	}
	_pthread_unlock(&key_lock);
	return error;
}

void *
pthread_getspecific(pthread_key_t key)
{
	pthread_t self = pthread_self();

	if (key >= PTHREAD_KEYS_MAX || self->specific_seq[key] !=
	    __atomic_load_n(&key_table[key].seq, __ATOMIC_ACQUIRE))
		return NULL;
	return self->specific[key];
}

int
pthread_setspecific(pthread_key_t key, const void *value)
{
	pthread_t self = pthread_self();
	unsigned int seq;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	seq = __atomic_load_n(&key_table[key].seq, __ATOMIC_ACQUIRE);
	if ((seq & 1) == 0)
		return EINVAL;
	self->specific[key] = (void *)value;
	self->specific_seq[key] = seq;
	return 0;
}

/* One pass over t's values: returns whether a destructor ran. */
static int
keys_destroy_pass(struct __pthread *t)
{
	void (*destructor)(void *);
	void *value;
	int ran = 0;

	for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
		value = t->specific[k];
		if (value == NULL || t->specific_seq[k] != key_table[k].seq)
			continue;
		_pthread_lock(&key_lock);
		destructor = t->specific_seq[k] == key_table[k].seq ?
		    key_table[k].destructor : NULL;
		_pthread_unlock(&key_lock);
		t->specific[k] = NULL;
		if (destructor != NULL) {
			destructor(value);
			ran = 1;
		}
	}
	return ran;
}

/*
 * Run the destructors of the exiting thread t (the caller) until no value
 * is left, or PTHREAD_DESTRUCTOR_ITERATIONS times.
 */
void
_pthread_keys_run_destructors(struct __pthread *t)
{
	for (int i = 0; i < PTHREAD_DESTRUCTOR_ITERATIONS; i++)
		if (!keys_destroy_pass(t))
			break;
}
