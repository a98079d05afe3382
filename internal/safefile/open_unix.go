//go:build unix

package safefile

import "syscall"

// openFlags opens a file without waiting: a FIFO opened for reading waits
// for a writer.
const openFlags = syscall.O_NONBLOCK
