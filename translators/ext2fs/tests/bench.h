/*
 * bench.h -- the workloads ext2_bench times, implemented once over the
 * engine (ext2_bench.c) and once over libext2fs (bench_libext2fs.c).
 */
#ifndef BENCH_H
#define BENCH_H

#define BENCH_FILE_MB	64
#define BENCH_NFILES	10000
#define BENCH_CHUNK	(1 << 20)

/* Seconds taken by each workload; 0 if it failed. */
struct bench_times {
	double	write, read, create, stat, unlink;
};

double	bench_now(void);
int	bench_libext2fs(const char *img, struct bench_times *);

#endif /* BENCH_H */
