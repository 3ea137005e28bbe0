/*
 * drvmsg.h -- shared by the driver tasks (virtio-blk, virtio-net, e1000):
 * release the port rights and out-of-line memory in a message's body.
 */
#ifndef DRVMSG_H
#define DRVMSG_H

/* Destroy what the body of msg (a received message) carries; the
 * header's rights stay with the caller. */
void	drv_msg_destroy(void *msg);

#endif
