package main

import (
	"fmt"
	"net"
	"net/netip"
)

// checkLoopback refuses listen addresses that could be reached from another
// machine: the emulator hands out bearer secrets to anyone who asks.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: the emulator only listens on loopback addresses such as 127.0.0.1 or [::1]", addr)
	}
	return nil
}
