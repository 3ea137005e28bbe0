/*
 * lwipopts.h -- how lwIP is configured for Whorl's pfinet engine.
 * Read by every lwIP source file (through lwip/opt.h) and by the engine.
 * One event loop owns the stack (NO_SYS, raw API); memory comes from
 * fixed pools so that a flood meets refusal or back-pressure, never
 * exhaustion of the host.
 */
#ifndef PFINET_LWIPOPTS_H
#define PFINET_LWIPOPTS_H

/* One thread, raw callback API, no sequential or BSD-socket API. */
#define NO_SYS				1
#define SYS_LIGHTWEIGHT_PROT		0
/* Exports lwip_cyclic_timer (its only effect in timeouts.c), so that the
   engine can hold the cyclic timers until an Ethernet interface exists. */
#define LWIP_TESTMODE			1
#define LWIP_NETCONN			0
#define LWIP_SOCKET			0
#define LWIP_DONT_PROVIDE_BYTEORDER_FUNCTIONS 1
#define LWIP_RAND()			pfinet_platform_random()
unsigned int	pfinet_platform_random(void);
/* Initial sequence numbers come from the platform's random source. */
#define LWIP_HOOK_TCP_ISN(lip, lport, rip, rport) \
					((u32_t)pfinet_platform_random())

/* Protocols. */
#define LWIP_IPV4			1
#define LWIP_IPV6			1
#define LWIP_ARP			1
#define LWIP_ETHERNET			1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_DHCP			1
#define LWIP_DHCP_DOES_ACD_CHECK	0
#define DHCP_DOES_ARP_CHECK		0
#define LWIP_AUTOIP			0
#define LWIP_IGMP			0
#define LWIP_DNS			0
#define LWIP_IPV6_MLD			1
#define LWIP_IPV6_AUTOCONFIG		1
#define LWIP_IPV6_DHCP6			0
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS	1
#define LWIP_IPV6_NUM_ADDRESSES		3
#define LWIP_ND6_QUEUEING		1
#define MEMP_NUM_ND6_QUEUE		64
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define LWIP_IPV6_REASS			1
#define LWIP_IPV6_FRAG			1
#define IPV6_FRAG_COPYHEADER		1	/* 64-bit pointers */
#define IP_REASS_MAX_PBUFS		64
#define MEMP_NUM_REASSDATA		16
#define ARP_TABLE_SIZE			64
#define ARP_QUEUEING			1
#define MEMP_NUM_ARP_QUEUE		64
#define ETHARP_SUPPORT_STATIC_ENTRIES	0

/* Interfaces: loopback for 127.0.0.1 and ::1, link-state callbacks. */
#define LWIP_HAVE_LOOPIF		1
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_LOOPBACK_MAX_PBUFS		512
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NUM_NETIF_CLIENT_DATA	1
#define LWIP_SINGLE_NETIF		0

/* TCP: window, buffers and the options the socket layer exposes. */
#define TCP_MSS				1460
#define TCP_WND				(44 * TCP_MSS)
#define TCP_SND_BUF			(44 * TCP_MSS)
#define TCP_SND_QUEUELEN		(4 * TCP_SND_BUF / TCP_MSS)
#define TCP_SNDLOWAT			(TCP_SND_BUF / 3)
#define TCP_QUEUE_OOSEQ			1
#define TCP_OOSEQ_MAX_PBUFS		64
#define TCP_OOSEQ_MAX_BYTES		TCP_WND
#define LWIP_TCP_SACK_OUT		1
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	16
#define LWIP_TCP_KEEPALIVE		1
#define SO_REUSE			1
#define LWIP_CALLBACK_API		1
#define TCP_OVERSIZE			TCP_MSS
#define LWIP_TCP_TIMESTAMPS		0
#define TCP_MAXRTX			12
#define TCP_SYNMAXRTX			6

/* Memory: every pool is fixed; these are the engine's global bounds. */
#define PFINET_MAX_SOCKETS		512
#define MEM_ALIGNMENT			8
#define MEMP_NUM_TCP_PCB		PFINET_MAX_SOCKETS
#define MEMP_NUM_TCP_PCB_LISTEN		64
#define MEMP_NUM_UDP_PCB		64
#define MEMP_NUM_RAW_PCB		16
#define MEMP_NUM_TCP_SEG		4096
#define MEMP_NUM_PBUF			256
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)
#define PBUF_POOL_SIZE			2048
#define PBUF_POOL_BUFSIZE		LWIP_MEM_ALIGN_SIZE(TCP_MSS + 40 + \
					    PBUF_LINK_ENCAPSULATION_HLEN + \
					    PBUF_LINK_HLEN + 40)
#define MEM_SIZE			(8 * 1024 * 1024)

/*
 * Under the fuzzer every allocation goes through malloc so that
 * AddressSanitizer sees the bounds of each pbuf and control block.
 */
#ifdef PFINET_SANITIZE
#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			1
#endif

/* Checksums in software, both ways; no statistics, no debug output. */
#define CHECKSUM_GEN_IP			1
#define CHECKSUM_GEN_UDP		1
#define CHECKSUM_GEN_TCP		1
#define CHECKSUM_GEN_ICMP		1
#define CHECKSUM_GEN_ICMP6		1
#define CHECKSUM_CHECK_IP		1
#define CHECKSUM_CHECK_UDP		1
#define CHECKSUM_CHECK_TCP		1
#define CHECKSUM_CHECK_ICMP		1
#define CHECKSUM_CHECK_ICMP6		1
#define LWIP_CHECKSUM_ON_COPY		1
#define LWIP_STATS			0
#define LWIP_STATS_DISPLAY		0

#endif /* PFINET_LWIPOPTS_H */
