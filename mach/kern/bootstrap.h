/*
 * bootstrap.h -- start the boot modules (kern/bootstrap.c).
 */
#ifndef KERN_BOOTSTRAP_H
#define KERN_BOOTSTRAP_H

struct boot_info;

void	bootstrap_modules(const struct boot_info *);

#endif
