#!/bin/sh
# tap_test.sh -- pfinet against the host's Linux stack through a TAP
# device, inside a network namespace this script creates and deletes
# (nothing leaves it).  Run by `make check` from the build directory.
# Host 10.77.0.1 / fd77::1, engine 10.77.0.2 / fd77::2: curl and nc talk
# to the engine's HTTP and echo servers, the engine talks to a host echo
# server, and both sides ping each other.
set -u
t=translators/pfinet/tests
node=$t/pfinet_tap_node
peer=$t/pfinet_bench_peer
ns=pfinet-tap-$$
dev=pft0
tmp=$(mktemp -d)
fails=0

skip() {
	echo "SKIP: $*"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root to create a network namespace"
[ -c /dev/net/tun ] || skip "no /dev/net/tun on this machine"
for p in ip curl nc ping; do
	command -v $p >/dev/null || { echo "FAIL: $p is missing"; exit 1; }
done

cleanup() {
	[ -n "${srv:-}" ] && kill "$srv" 2>/dev/null
	[ -n "${hsrv:-}" ] && kill "$hsrv" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

check() {
	if "$@"; then
		echo "ok: $name"
	else
		echo "FAIL: $name"
		fails=$((fails + 1))
	fi
}
in_ns() {
	ip netns exec "$ns" "$@"
}

ip netns add "$ns" || skip "cannot create a network namespace"
in_ns ip link set lo up
in_ns ip tuntap add dev $dev mode tap || skip "cannot create a TAP device"
in_ns ip addr add 10.77.0.1/24 dev $dev
in_ns ip addr add fd77::1/64 dev $dev nodad
in_ns ip link set $dev up

ip netns exec "$ns" $node $dev serve 120 > "$tmp/serve.log" 2>&1 &
srv=$!
for i in $(seq 50); do
	grep -q serving "$tmp/serve.log" && break
	sleep 0.1
done

name="host pings engine (IPv4)"
check in_ns ping -c 3 -i 0.2 -W 2 10.77.0.2
name="host pings engine (IPv6)"
check in_ns ping -6 -c 3 -i 0.2 -W 2 fd77::2
name="curl gets the engine's HTTP page (IPv4)"
check sh -c "ip netns exec $ns curl -s --max-time 10 http://10.77.0.2/ |
    grep -q 'hello from pfinet'"
name="curl gets the engine's HTTP page (IPv6)"
check sh -c "ip netns exec $ns curl -s -g --max-time 10 'http://[fd77::2]/' |
    grep -q 'hello from pfinet'"
head -c 3000000 /dev/urandom > "$tmp/data"
name="nc: 3 MB through the engine's echo server"
check sh -c "ip netns exec $ns nc -N -w 10 10.77.0.2 7 < $tmp/data \
    > $tmp/back && cmp -s $tmp/data $tmp/back"
name="nc: UDP echo"
check sh -c "echo datagram | ip netns exec $ns nc -u -w 1 10.77.0.2 7 |
    grep -q datagram"
name="engine still serves 20 connections in a row"
check sh -c "for i in \$(seq 20); do ip netns exec $ns curl -s --max-time 5 \
    http://10.77.0.2/ | grep -q hello || exit 1; done"
kill "$srv"
wait "$srv" 2>/dev/null
srv=""

ip netns exec "$ns" $peer server 7100 > "$tmp/peer.log" 2>&1 &
hsrv=$!
sleep 0.3
name="engine client to a host echo server (IPv4)"
check in_ns $node $dev client 10.77.0.1 7100 2000000
name="engine client to a host echo server (IPv6)"
check in_ns $node $dev client fd77::1 7100 2000000
name="engine pings host (IPv4)"
check in_ns $node $dev ping 10.77.0.1
name="engine pings host (IPv6)"
check in_ns $node $dev ping fd77::1

echo "$fails failed"
[ $fails -eq 0 ]
