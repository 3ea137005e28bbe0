#!/bin/sh
# bench.sh -- pfinet's figures, run by `make bench` from the build
# directory: TCP bulk throughput and 64-byte request/response rate with 1
# and 64 connections, engine<->engine in memory, engine<->Linux through a
# TAP device, and Linux<->Linux over a veth pair, in the same run.  All
# traffic stays in network namespaces this script creates and deletes.
# PFINET_BENCH_SECONDS sets each measurement's length (default 3).
set -u
t=translators/pfinet/tests
secs=${PFINET_BENCH_SECONDS:-3}
ns=pfinet-bench-$$
tmp=$(mktemp -d)

cleanup() {
	[ -n "${srv:-}" ] && kill "$srv" 2>/dev/null
	[ -n "${lsrv:-}" ] && kill "$lsrv" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns-a" 2>/dev/null
	ip netns del "$ns-b" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

echo "pfinet benchmark ($secs s per figure)"
$t/pfinet_bench_mem "$secs"

if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ]; then
	echo "engine<->Linux and Linux<->Linux: skipped (needs root and TUN)"
	exit 0
fi

# Engine <-> Linux: the engine serves (echo :7, discard :9) on a TAP.
ip netns add "$ns-a"
ip -n "$ns-a" link set lo up
ip -n "$ns-a" tuntap add dev pft0 mode tap
ip -n "$ns-a" addr add 10.77.0.1/24 dev pft0
ip -n "$ns-a" link set pft0 up
ip netns exec "$ns-a" $t/pfinet_tap_node pft0 serve 600 > "$tmp/srv" 2>&1 &
srv=$!
for i in $(seq 50); do grep -q serving "$tmp/srv" && break; sleep 0.1; done
in_a() { ip netns exec "$ns-a" "$@"; }
printf 'engine<->Linux  TAP        TCP bulk             %12s\n' \
    "$(in_a $t/pfinet_bench_peer bulk 10.77.0.2 9 "$secs")"
printf 'engine<->Linux  TAP        request/response  1 conn %s\n' \
    "$(in_a $t/pfinet_bench_peer rr 10.77.0.2 7 1 "$secs")"
printf 'engine<->Linux  TAP        request/response 64 conn %s\n' \
    "$(in_a $t/pfinet_bench_peer rr 10.77.0.2 7 64 "$secs")"
kill "$srv"
srv=""

# Linux <-> Linux over veth, between two namespaces.
ip netns add "$ns-b"
ip -n "$ns-b" link set lo up
ip -n "$ns-a" link add vpa type veth peer name vpb netns "$ns-b"
ip -n "$ns-a" addr add 10.78.0.1/24 dev vpa
ip -n "$ns-b" addr add 10.78.0.2/24 dev vpb
ip -n "$ns-a" link set vpa up
ip -n "$ns-b" link set vpb up
ip netns exec "$ns-b" $t/pfinet_bench_peer server 7100 > "$tmp/lsrv" 2>&1 &
lsrv=$!
sleep 0.5
printf 'Linux<->Linux   veth       TCP bulk             %12s\n' \
    "$(in_a $t/pfinet_bench_peer bulk 10.78.0.2 7102 "$secs")"
printf 'Linux<->Linux   veth       request/response  1 conn %s\n' \
    "$(in_a $t/pfinet_bench_peer rr 10.78.0.2 7100 1 "$secs")"
printf 'Linux<->Linux   veth       request/response 64 conn %s\n' \
    "$(in_a $t/pfinet_bench_peer rr 10.78.0.2 7100 64 "$secs")"
