//go:build !unix

package site

import "os"

// alive reports whether a process with this id runs.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
