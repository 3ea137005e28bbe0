/*
 * sim.h -- two pfinet engines in one process, joined by an in-memory
 * Ethernet link with virtual time and injected loss, duplication and
 * reordering.  Used by the pair test and the in-memory benchmark; each
 * engine is its own copy of libpfinet loaded with dlopen.
 */
#ifndef PFINET_SIM_H
#define PFINET_SIM_H

#include <stdint.h>
#include "pfinet.h"

struct sim_frame;

struct sim_engine {
	const struct pfinet_api	*api;
	struct pfinet_if	*ifp;
	struct sim		*sim;
	int			 idx;
};

struct sim {
	uint64_t		 now;		/* virtual ms */
	int			 realtime;	/* benchmark: real clock */
	struct sim_engine	 eng[2];
	struct sim_frame	*q_head;
	unsigned int		 delay_ms;
	unsigned int		 loss_ppm;
	unsigned int		 dup_ppm;
	unsigned int		 reorder_ppm;
	int			 blackhole;
	uint64_t		 rng;
	uint64_t		 frames;
	uint64_t		 dropped;
	uint64_t		 duplicated;
	uint64_t		 reordered;
	size_t			 max_frame;
};

int	sim_init(struct sim *, const char *dir);
void	sim_step(struct sim *);
int	sim_run_until(struct sim *, int (*)(void *), void *, uint64_t ms);
uint64_t sim_rand(struct sim *);
void	sim_sa4(struct sockaddr_in *, const char *, int);
void	sim_sa6(struct sockaddr_in6 *, const char *, int);

#endif /* PFINET_SIM_H */
