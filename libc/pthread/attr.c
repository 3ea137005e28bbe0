/*
 * attr.c -- thread attributes: stack size, guard size and detach state
 * are honoured; every thread is system-scope and scheduled by the kernel
 * at its default priority, so the scheduling attributes accept only the
 * values that describe that.
 */
#include <errno.h>
#include "pthread_internal.h"

#define PTHREAD_DEFAULT_STACK	(256 * 1024)
#define PTHREAD_PAGE		4096

int
pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){
		.__stacksize = PTHREAD_DEFAULT_STACK,
		.__guardsize = PTHREAD_PAGE,
		.__detachstate = PTHREAD_CREATE_JOINABLE,
		.__scope = PTHREAD_SCOPE_SYSTEM,
		.__inheritsched = PTHREAD_INHERIT_SCHED,
		.__schedpolicy = SCHED_OTHER,
	};
	return 0;
}

int
pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int
pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

int
pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stacksize;
	return 0;
}

int
pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	attr->__guardsize = size;
	return 0;
}

int
pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__guardsize;
	return 0;
}

int
pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detachstate = state;
	return 0;
}

int
pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detachstate;
	return 0;
}

int
pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->__scope = scope;
	return 0;
}

int
pthread_attr_getscope(const pthread_attr_t *attr, int *scope)
{
	*scope = attr->__scope;
	return 0;
}

int
pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED &&
	    inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	attr->__inheritsched = inherit;
	return 0;
}

int
pthread_attr_getinheritsched(const pthread_attr_t *attr, int *inherit)
{
	*inherit = attr->__inheritsched;
	return 0;
}

int
pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy != SCHED_OTHER)
		return ENOTSUP;
	attr->__schedpolicy = policy;
	return 0;
}

int
pthread_attr_getschedpolicy(const pthread_attr_t *attr, int *policy)
{
	*policy = attr->__schedpolicy;
	return 0;
}

int
pthread_attr_setschedparam(pthread_attr_t *attr,
    const struct sched_param *param)
{
	if (param->sched_priority != 0)
		return ENOTSUP;
	attr->__schedparam = *param;
	return 0;
}

int
pthread_attr_getschedparam(const pthread_attr_t *attr,
    struct sched_param *param)
{
	*param = attr->__schedparam;
	return 0;
}
