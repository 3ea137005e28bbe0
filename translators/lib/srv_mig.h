/*
 * srv_mig.h -- what MIG's server stubs of the file protocols need from
 * translators/lib (fs_types.defs "simport"s it): the translated port
 * type and its intran, payload and destructor functions.
 */
#ifndef SRV_MIG_H
#define SRV_MIG_H

#include "srv.h"
#include "fs_types.h"

#endif
