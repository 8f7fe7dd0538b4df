package site

import "golang.org/x/sys/unix"

// exchangeFolders swaps the folders a and b in one step: a reader sees one or
// the other, never neither.
func exchangeFolders(a, b string) error {
	return unix.RenamexNp(a, b, unix.RENAME_SWAP)
}
