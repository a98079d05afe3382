//go:build !unix

package safefile

// openFlags: no FIFOs to wait for.
const openFlags = 0
